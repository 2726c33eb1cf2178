import { progressPercent } from '../dashboard/stats';

export function ProgressBar({ completed, total, testId }: { completed: number; total: number; testId?: string }) {
  const percent = progressPercent(completed, total);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label={`${completed} of ${total} leads done`}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
