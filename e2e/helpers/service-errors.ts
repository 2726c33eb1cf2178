import type { Stack } from '@dialwave/launcher';

export interface LoggedError {
  process: string;
  msg: string;
  detail: string;
}

/**
 * Error-level lines (pino level ≥ 50) the services wrote, minus the ones a scenario causes on purpose: a
 * dial the carrier refused for good (digit 9 numbers) is an error the dialer must log.
 */
export function unexpectedServiceErrors(stack: Stack): LoggedError[] {
  const errors: LoggedError[] = [];
  for (const [name, service] of stack.services) {
    for (const line of service.logs().split('\n')) {
      const entry = parseJsonLine(line);
      if (!entry || typeof entry.level !== 'number' || entry.level < 50) continue;
      const err = (entry.err ?? {}) as { errorClass?: string; message?: string; code?: string };
      if (entry.msg === 'dial failed' && err.errorClass === 'permanent') continue;
      const lastLineOfMessage = (err.message ?? '').trim().split('\n').pop() ?? '';
      errors.push({ process: name, msg: String(entry.msg), detail: `${err.code ?? ''} ${lastLineOfMessage}`.trim() });
    }
  }
  return errors;
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
