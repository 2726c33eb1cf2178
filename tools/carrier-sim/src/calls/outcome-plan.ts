export type TerminalStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';
export type AnsweredBy = 'human' | 'machine_start' | 'machine_end_beep';

/** What the network will do with a dialled number, in nominal seconds (before SIM_TIME_SCALE). */
export type OutcomePlan =
  | { kind: 'refused'; reason: string }
  | { kind: 'answered'; ringSeconds: number; answeredBy: AnsweredBy; talkSeconds: number }
  | { kind: 'unanswered'; ringSeconds: number; terminalStatus: 'no-answer' }
  | { kind: 'rejected'; afterSeconds: number; terminalStatus: 'busy' | 'failed' };

/**
 * The outcome table of ARCHITECTURE.md ("Carrier simulator"): the last digit of `To` decides the outcome,
 * the second-to-last digit lengthens a human conversation, so tests can predict every call.
 */
export function planOutcome(to: string): OutcomePlan {
  const digits = to.replace(/\D/g, '');
  const last = digits.at(-1);
  if (last === undefined) return { kind: 'refused', reason: 'has no digits' };
  const secondToLast = Number(digits.at(-2) ?? '0');
  switch (last) {
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
      return { kind: 'answered', ringSeconds: 1, answeredBy: 'human', talkSeconds: 2 + secondToLast };
    case '5':
      return { kind: 'answered', ringSeconds: 1, answeredBy: 'machine_start', talkSeconds: 3 };
    case '6':
      return { kind: 'unanswered', ringSeconds: 5, terminalStatus: 'no-answer' };
    case '7':
      return { kind: 'rejected', afterSeconds: 1, terminalStatus: 'busy' };
    case '8':
      return { kind: 'rejected', afterSeconds: 1, terminalStatus: 'failed' };
    default:
      return { kind: 'refused', reason: 'ends in 9' };
  }
}
