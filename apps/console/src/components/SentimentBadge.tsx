import type { TSentiment, TSentimentSource } from '@dialwave/contracts';
import { sentimentTitle, sentimentTone } from '../analysis/sentiment';

/** A call's sentiment; a computed one is marked, since no voice agent vouched for it. */
export function SentimentBadge({ sentiment, source }: { sentiment: TSentiment | null; source?: TSentimentSource }) {
  if (!sentiment) return <span className="muted">—</span>;
  return (
    <span
      className={`badge tone-${sentimentTone(sentiment)}`}
      title={sentimentTitle(sentiment, source)}
      data-testid="sentiment-badge"
      data-sentiment={sentiment}
    >
      {sentiment}
      {source === 'computed' ? ' *' : ''}
    </span>
  );
}
