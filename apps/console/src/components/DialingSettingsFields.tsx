import { RETRYABLE_OUTCOMES, type TAnsweringMachineAction, type TCallingWindow, type TRetryableOutcome } from '@dialwave/contracts';
import type { DialingSettingsForm } from '../campaigns/dialing-settings';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const OUTCOME_LABELS: Record<TRetryableOutcome, string> = { BUSY: 'Busy', MISSED: 'No answer', FAILED: 'Failed' };

/** Schedule, calling hours, retries and answering machines on the New campaign form. */
export function DialingSettingsFields({ value, onChange }: { value: DialingSettingsForm; onChange: (next: DialingSettingsForm) => void }) {
  const set = <K extends keyof DialingSettingsForm>(key: K, v: DialingSettingsForm[K]) => onChange({ ...value, [key]: v });
  const setWindow = (index: number, window: TCallingWindow) =>
    set(
      'windows',
      value.windows.map((w, i) => (i === index ? window : w)),
    );
  return (
    <>
      <fieldset data-testid="schedule-settings">
        <legend>When</legend>
        <div className="row">
          <label>
            Start at <span className="muted">(empty: now)</span>
            <input name="startAt" type="datetime-local" value={value.startAt} onChange={(e) => set('startAt', e.target.value)} />
          </label>
          <label>
            Time zone for leads without one
            <input name="timezone" value={value.timezone} onChange={(e) => set('timezone', e.target.value)} placeholder="Asia/Kolkata" />
          </label>
        </div>
        <label className="inline">
          <input
            name="windowsEnabled"
            type="checkbox"
            checked={value.windowsEnabled}
            onChange={(e) => set('windowsEnabled', e.target.checked)}
          />{' '}
          Calling hours, in each lead’s own time zone
        </label>
        {value.windowsEnabled &&
          value.windows.map((window, index) => (
            <div className="row window" key={index} data-testid={`window-${index}`}>
              <span className="days">
                {DAY_NAMES.map((name, i) => (
                  <label key={name} className="inline">
                    <input
                      type="checkbox"
                      name={`window-${index}-day-${i + 1}`}
                      checked={window.days.includes(i + 1)}
                      onChange={(e) =>
                        setWindow(index, {
                          ...window,
                          days: e.target.checked ? [...window.days, i + 1].sort() : window.days.filter((d) => d !== i + 1),
                        })
                      }
                    />
                    {name}
                  </label>
                ))}
              </span>
              <input
                aria-label="from"
                name={`window-${index}-start`}
                type="time"
                value={window.start}
                onChange={(e) => setWindow(index, { ...window, start: e.target.value })}
              />
              <input
                aria-label="to"
                name={`window-${index}-end`}
                type="time"
                value={window.end}
                onChange={(e) => setWindow(index, { ...window, end: e.target.value })}
              />
              {value.windows.length > 1 && (
                <button
                  type="button"
                  className="button ghost small"
                  onClick={() =>
                    set(
                      'windows',
                      value.windows.filter((_, i) => i !== index),
                    )
                  }
                >
                  Remove
                </button>
              )}
            </div>
          ))}
        {value.windowsEnabled && (
          <button
            type="button"
            className="button ghost small"
            onClick={() => set('windows', [...value.windows, { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }])}
          >
            Add calling hours
          </button>
        )}
      </fieldset>
      <fieldset data-testid="retry-settings">
        <legend>Retries</legend>
        <div className="row">
          <label>
            Attempts per lead (1–10)
            <input
              name="retryMaxAttempts"
              type="number"
              min={1}
              max={10}
              value={value.retryMaxAttempts}
              onChange={(e) => set('retryMaxAttempts', e.target.valueAsNumber)}
            />
          </label>
          <label>
            Minutes between attempts
            <input
              name="retryDelayMinutes"
              type="number"
              min={1}
              value={value.retryDelayMinutes}
              onChange={(e) => set('retryDelayMinutes', e.target.valueAsNumber)}
            />
          </label>
        </div>
        <span>
          Retry after:{' '}
          {RETRYABLE_OUTCOMES.map((outcome) => (
            <label key={outcome} className="inline">
              <input
                type="checkbox"
                name={`retryOn-${outcome}`}
                checked={value.retryOn.includes(outcome)}
                onChange={(e) =>
                  set('retryOn', e.target.checked ? [...value.retryOn, outcome] : value.retryOn.filter((o) => o !== outcome))
                }
              />
              {OUTCOME_LABELS[outcome]}
            </label>
          ))}
        </span>
      </fieldset>
      <fieldset data-testid="answering-machine-settings">
        <legend>Answering machines</legend>
        <label>
          When a machine answers
          <select
            name="answeringMachine"
            value={value.answeringMachine}
            onChange={(e) => set('answeringMachine', e.target.value as TAnsweringMachineAction)}
          >
            <option value="continue">Play the call as to a person</option>
            <option value="hangup">Hang up</option>
            <option value="voicemail">Leave a voicemail after the beep</option>
          </select>
        </label>
        {value.answeringMachine === 'voicemail' && (
          <label>
            Voicemail message
            <textarea
              name="voicemailMessage"
              maxLength={1000}
              value={value.voicemailMessage}
              onChange={(e) => set('voicemailMessage', e.target.value)}
            />
          </label>
        )}
      </fieldset>
    </>
  );
}
