import type { TSentiment, TSentimentSource, TSuggestionReason } from '@dialwave/contracts';

export type Tone = 'success' | 'neutral' | 'danger' | 'warning' | 'info';

const TONE: Record<TSentiment, Tone> = { positive: 'success', neutral: 'neutral', negative: 'danger', mixed: 'warning' };

export function sentimentTone(sentiment: TSentiment): Tone {
  return TONE[sentiment];
}

/** `computed`: Dialwave scored the caller's words because the voice runtime gave no sentiment. */
export function sentimentTitle(sentiment: TSentiment, source?: TSentimentSource): string {
  return source === 'computed'
    ? `${sentiment} (computed by Dialwave from the caller's words)`
    : `${sentiment} (reported by the voice agent)`;
}

/** What the live log says when a call's report arrives: "analysed: positive". */
export function analysedDetail(sentiment: TSentiment): string {
  return `analysed: ${sentiment}`;
}

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** Why an agent is suggested for a caller, as the modal says it ("last spoke on 12 Nov, positive"). */
export function suggestionReasonText(reason: TSuggestionReason | undefined): string | null {
  if (!reason) return null;
  const on = reason.at ? ` on ${shortDate.format(new Date(reason.at))}` : '';
  switch (reason.rule) {
    case 'positive-conversation':
      return `last spoke${on}, positive`;
    case 'last-conversation':
      return `last spoke${on}${reason.sentiment ? `, ${reason.sentiment}` : ''}`;
    case 'last-call':
      return `made the last call${on}`;
    case 'number-called':
      return "the number's own agent";
  }
}

/** Whole-percent share, or null while nothing was judged. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}
