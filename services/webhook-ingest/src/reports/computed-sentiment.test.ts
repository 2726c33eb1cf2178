import { scriptedReport } from '@dialwave/carrier-sim';
import type { TTranscriptTurn } from '@dialwave/contracts';
import { CALLER_TEXT_LIMIT, labelSentiment, SentimentScorer } from './computed-sentiment';

const scorer = new SentimentScorer();

function caller(...texts: string[]): TTranscriptTurn[] {
  return texts.map((text) => ({ role: 'caller', text }));
}

describe('computed sentiment of a transcript', () => {
  it('calls a pleased caller positive', () => {
    expect(scorer.score(caller('That sounds great, thank you!', "I'm really interested in the solar panels."))).toEqual({
      sentiment: 'positive',
      score: expect.any(Number),
    });
  });

  it('calls an annoyed caller negative, negation included ("not interested")', () => {
    const result = scorer.score(caller('Stop calling me.', 'This is a waste of my time and I am not interested.'));
    expect(result.sentiment).toBe('negative');
    expect(result.score).toBeLessThanOrEqual(-0.25);
  });

  it('calls strong feelings both ways that cancel out mixed', () => {
    const result = scorer.score(
      caller('I love the savings you describe, they are excellent.', 'But your last technician was rude and the install was awful.'),
    );
    expect(result.sentiment).toBe('mixed');
  });

  it('calls a caller who says nothing of feeling neutral', () => {
    expect(scorer.score(caller('Who is this?', 'Can you email me the details?')).sentiment).toBe('neutral');
  });

  it("reads only the caller's turns: a cheerful agent does not make a call positive", () => {
    const transcript: TTranscriptTurn[] = [
      { role: 'agent', text: 'Wonderful! Fantastic! I love helping you, this is great!' },
      { role: 'caller', text: 'Can you email me the details?' },
    ];
    expect(scorer.score(transcript)).toEqual({ sentiment: 'neutral', score: 0 });
  });

  it('is neutral when the caller never spoke', () => {
    expect(scorer.score([{ role: 'agent', text: 'Hello? Hello?' }])).toEqual({ sentiment: 'neutral', score: 0 });
    expect(scorer.score([])).toEqual({ sentiment: 'neutral', score: 0 });
  });

  it("judges a very long call by the end of the caller's words", () => {
    const opening = caller(...Array.from({ length: 400 }, () => 'This is terrible, I hate it, awful awful awful.'));
    const ending = caller(...Array.from({ length: 400 }, () => 'Thank you, that is wonderful, I love it, great.'));
    expect(opening.concat(ending).reduce((n, t) => n + t.text.length, 0)).toBeGreaterThan(CALLER_TEXT_LIMIT);
    expect(scorer.score([...opening, ...ending]).sentiment).toBe('positive');
  });
});

describe("the carrier simulator's scripts", () => {
  // The simulator's README promises `mixed` for its unscored script; this is where that promise is kept.
  it('computes the unscored script as mixed, and agrees with the sentiment the other scripts report', () => {
    const context = { leadName: 'Ada', greeting: 'Hello, this is Acme Solar.', talkSeconds: 5 };
    expect(scorer.score(scriptedReport('unscored', context).transcript).sentiment).toBe('mixed');
    for (const script of ['positive', 'neutral', 'negative'] as const) {
      const report = scriptedReport(script, context);
      expect([script, scorer.score(report.transcript).sentiment]).toEqual([script, report.sentiment]);
    }
  });
});

describe('labelSentiment (the documented mapping)', () => {
  it('maps the mean at ±0.25 and looks for strong sentences both ways below it', () => {
    expect(labelSentiment([0.25])).toEqual({ sentiment: 'positive', score: 0.25 });
    expect(labelSentiment([-0.25])).toEqual({ sentiment: 'negative', score: -0.25 });
    expect(labelSentiment([0.2, 0.1])).toEqual({ sentiment: 'neutral', score: 0.15 });
    expect(labelSentiment([0.4, -0.35])).toEqual({ sentiment: 'mixed', score: 0.025 });
    expect(labelSentiment([0.4, -0.2, 0])).toEqual({ sentiment: 'neutral', score: 0.067 });
    expect(labelSentiment([])).toEqual({ sentiment: 'neutral', score: 0 });
  });
});
