import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { buildOutcomeSeries, type OutcomePoint } from '../dashboard/outcome-series';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Cumulative successful / voicemail / missed / failed calls across the campaign's run, stacked. Not animated: it
 * redraws on every finished call, and a sweep from the left each time would hide the numbers.
 */
export function OutcomeChart({ points }: { points: OutcomePoint[] }) {
  const series = buildOutcomeSeries(points);
  if (series.length === 0) return <p className="muted">The chart fills in as calls finish.</p>;
  return (
    <div className="chart" data-testid="outcome-chart">
      <ResponsiveContainer width="100%" height={240}>
        <AreaChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => timeFormat.format(t)}
          />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip labelFormatter={(t) => timeFormat.format(Number(t))} />
          <Legend />
          <Area
            isAnimationActive={false}
            type="stepAfter"
            dataKey="successful"
            name="Successful"
            stackId="1"
            stroke="var(--success)"
            fill="var(--success-soft)"
          />
          <Area
            isAnimationActive={false}
            type="stepAfter"
            dataKey="voicemail"
            name="Voicemail"
            stackId="1"
            stroke="var(--info)"
            fill="var(--info-soft)"
          />
          <Area
            isAnimationActive={false}
            type="stepAfter"
            dataKey="missed"
            name="Missed"
            stackId="1"
            stroke="var(--warning)"
            fill="var(--warning-soft)"
          />
          <Area
            isAnimationActive={false}
            type="stepAfter"
            dataKey="failed"
            name="Failed"
            stackId="1"
            stroke="var(--danger)"
            fill="var(--danger-soft)"
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
