import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import type { TSentiment, TTranscriptTurn } from '@dialwave/contracts';

/**
 * How Dialwave judges a call whose report carries no sentiment: only the caller's words count (the agent is
 * polite whatever happens), each of their sentences is scored by wink-nlp (-1..+1, AFINN-based with
 * negation handling: "not interested" scores negative), and the scores map to a label:
 *
 * 1. mean sentence score >= +0.25 → `positive`; <= -0.25 → `negative`;
 * 2. otherwise, at least one sentence >= +0.3 and one <= -0.3 → `mixed` (strong feelings both ways that
 *    cancel out);
 * 3. otherwise (including a caller who said nothing) → `neutral`.
 *
 * Only the last CALLER_TEXT_LIMIT characters of the caller's turns are read: the end of a conversation is
 * where its mood settles, and scoring stays a few milliseconds however large the report.
 */
export const SENTIMENT_THRESHOLD = 0.25;
export const STRONG_SENTENCE_THRESHOLD = 0.3;
export const CALLER_TEXT_LIMIT = 20_000;

export interface ComputedSentiment {
  sentiment: TSentiment;
  /** The mean sentence score, -1..+1, rounded to three places. */
  score: number;
}

/** Scores transcripts; the language model (~40 MB of heap, ~0.5 s to load) is loaded on first use. */
export class SentimentScorer {
  private nlp: WinkMethods | undefined;

  /** Loads the model now, so the first report does not pay for it (main.ts calls this at boot). */
  warmUp(): void {
    this.model();
  }

  score(transcript: readonly TTranscriptTurn[]): ComputedSentiment {
    const turns = callerTextWithin(transcript, CALLER_TEXT_LIMIT);
    const nlp = this.model();
    const its = nlp.its;
    const sentenceScores: number[] = [];
    for (const text of turns) {
      // Each turn is its own document: turns rarely end in punctuation, so joined they would blur into one sentence.
      for (const score of nlp.readDoc(text).sentences().out(its.sentiment) as number[]) sentenceScores.push(score);
    }
    return labelSentiment(sentenceScores);
  }

  private model(): WinkMethods {
    // Only what scoring needs: sentence boundaries, negation, sentiment.
    this.nlp ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
    return this.nlp;
  }
}

/** The rule above, on sentence scores already computed. */
export function labelSentiment(sentenceScores: readonly number[]): ComputedSentiment {
  if (sentenceScores.length === 0) return { sentiment: 'neutral', score: 0 };
  const mean = sentenceScores.reduce((sum, s) => sum + s, 0) / sentenceScores.length;
  const score = Math.round(mean * 1000) / 1000;
  if (mean >= SENTIMENT_THRESHOLD) return { sentiment: 'positive', score };
  if (mean <= -SENTIMENT_THRESHOLD) return { sentiment: 'negative', score };
  const strongBothWays =
    sentenceScores.some((s) => s >= STRONG_SENTENCE_THRESHOLD) && sentenceScores.some((s) => s <= -STRONG_SENTENCE_THRESHOLD);
  return { sentiment: strongBothWays ? 'mixed' : 'neutral', score };
}

/** The caller's non-blank turns, oldest first, keeping only the last `limit` characters in all. */
function callerTextWithin(transcript: readonly TTranscriptTurn[], limit: number): string[] {
  const kept: string[] = [];
  let budget = limit;
  for (let i = transcript.length - 1; i >= 0 && budget > 0; i--) {
    const turn = transcript[i]!;
    const text = turn.text.trim();
    if (turn.role !== 'caller' || !text) continue;
    const piece = text.length > budget ? text.slice(text.length - budget) : text;
    kept.push(piece);
    budget -= piece.length;
  }
  return kept.reverse();
}
