import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SENTIMENTS, type TCampaignAnalysisStats } from '@dialwave/contracts';

const COLOUR = { positive: 'var(--success)', neutral: 'var(--neutral)', negative: 'var(--danger)', mixed: 'var(--warning)' } as const;

/** How the campaign's analysed calls felt, one bar per sentiment. Not animated: it redraws on every report. */
export function SentimentChart({ sentiment }: { sentiment: TCampaignAnalysisStats['sentiment'] }) {
  const data = SENTIMENTS.map((name) => ({ name, calls: sentiment[name] }));
  return (
    <div className="chart" data-testid="sentiment-chart">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={70} />
          <Tooltip />
          <Bar dataKey="calls" name="Calls" isAnimationActive={false}>
            {data.map((entry) => (
              <Cell key={entry.name} fill={COLOUR[entry.name]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
