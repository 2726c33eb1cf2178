import { lazy, Suspense } from 'react';
import { SENTIMENTS, type TCampaignAnalysisStats } from '@dialwave/contracts';
import { percentOf } from '../analysis/sentiment';

// The chart library is loaded with the first dashboard, like the outcome chart.
const SentimentChart = lazy(() => import('./SentimentChart').then((m) => ({ default: m.SentimentChart })));

/** What the voice agents reported about the campaign's calls: how callers felt, and how often the goal was reached. */
export function CallAnalysisCard({ analysis }: { analysis: TCampaignAnalysisStats }) {
  const judged = percentOf(analysis.judgedSuccessful, analysis.judgedCalls);
  return (
    <div className="card" data-testid="call-analysis">
      <h2>
        What callers said{' '}
        <span className="count" data-testid="analysed-count">
          {analysis.analysedCalls} analysed
        </span>
      </h2>
      {analysis.analysedCalls === 0 ? (
        <p className="muted">Calls are analysed when the agent's voice runtime reports on them.</p>
      ) : (
        <div className="grid-2">
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            <SentimentChart sentiment={analysis.sentiment} />
          </Suspense>
          <div className="tiles-inline">
            <div className="tile">
              <span className="tile-label">Judged successful</span>
              <span className="tile-value" data-testid="judged-success-rate">
                {judged === null ? '—' : `${judged}%`}
              </span>
              <span className="muted" data-testid="judged-success-ratio">
                {analysis.judgedSuccessful}/{analysis.judgedCalls} calls the agent judged
              </span>
            </div>
            <ul className="sentiment-counts muted small" data-testid="sentiment-counts">
              {SENTIMENTS.map((name) => (
                <li key={name} data-sentiment={name}>
                  {name}: {analysis.sentiment[name]}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
