const TERMINAL_STATUSES = new Set(['COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED']);

/**
 * Times the services log about each call, read from their pino JSON lines: when the terminal status
 * change was logged (right after its COMMIT, before the call-ended publish) and when the dial job finished
 * (after its top-up). They split the gap between one call's end and the next call's start.
 */
export class ServiceLogTimes {
  readonly terminalLoggedAt = new Map<string, number>();
  readonly jobFinishedAt = new Map<string, number>();

  /** For StackOptions.onLine. */
  readonly onLine = (instance: string, line: string): void => {
    const finished = instance.startsWith('dialer-worker') && line.includes('dial job finished');
    const changed = line.includes('call status changed');
    if (!finished && !changed) return;
    let entry: { callId?: string; time?: string; status?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return; // not a JSON log line
    }
    if (!entry.callId || !entry.time) return;
    if (finished) this.jobFinishedAt.set(entry.callId, Date.parse(entry.time));
    else if (entry.status && TERMINAL_STATUSES.has(entry.status)) this.terminalLoggedAt.set(entry.callId, Date.parse(entry.time));
  };

  clear(): void {
    this.terminalLoggedAt.clear();
    this.jobFinishedAt.clear();
  }
}
