import {
  callerDisplayName,
  humanizeCode,
  lastCallSummary,
  leadStatusWarning,
  recentHistory,
  UNKNOWN_CALLER,
  type CallHistoryEntry,
  type IncomingLead,
} from './caller';

const lead = (firstName: string, lastName: string | null = null, source?: string): IncomingLead => ({
  id: 'l1',
  firstName,
  lastName,
  company: null,
  status: 'NEW',
  ...(source ? { source } : {}),
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();
const entry = (callId: string, minute: number, overrides: Partial<CallHistoryEntry> = {}): CallHistoryEntry => ({
  callId,
  at: at(minute),
  direction: 'OUTBOUND',
  status: 'COMPLETED',
  durationSeconds: 65,
  disposition: null,
  sentiment: null,
  ...overrides,
});

describe('caller display name', () => {
  it('is the lead first and last name', () => {
    expect(callerDisplayName(lead('Ada', 'Lovelace'))).toBe('Ada Lovelace');
    expect(callerDisplayName(lead(' Grace ', null))).toBe('Grace');
  });

  it('is "Unknown caller" with no lead, or when an inbound lead carries only a stand-in name', () => {
    expect(callerDisplayName(null)).toBe(UNKNOWN_CALLER);
    expect(callerDisplayName(lead('+15550100', null, 'INBOUND'))).toBe(UNKNOWN_CALLER);
    expect(callerDisplayName(lead('Unknown', null, 'INBOUND'))).toBe(UNKNOWN_CALLER);
    expect(callerDisplayName(lead('Unknown caller', null))).toBe(UNKNOWN_CALLER);
    expect(callerDisplayName(lead('  ', ''))).toBe(UNKNOWN_CALLER);
  });

  it('keeps a real name that someone gave an inbound lead later', () => {
    expect(callerDisplayName(lead('Linus', null, 'INBOUND'))).toBe('Linus');
    expect(callerDisplayName(lead('Unknown', 'Torvalds', 'INBOUND'))).toBe('Torvalds');
  });
});

describe('recent history and last call', () => {
  it('lists at most five earlier calls, newest first, without the ringing call', () => {
    const history = [entry('c1', 1), entry('now', 9), entry('c3', 3), entry('c2', 2), entry('c6', 6), entry('c5', 5), entry('c4', 4)];
    expect(recentHistory(history, 'now').map((e) => e.callId)).toEqual(['c6', 'c5', 'c4', 'c3', 'c2']);
  });

  it('summarises the newest earlier call with its disposition, or its status when none was recorded', () => {
    expect(lastCallSummary([entry('c1', 1, { disposition: 'CALLBACK_REQUESTED' }), entry('c0', 0)], 'now')).toEqual({
      at: at(1),
      direction: 'Outbound',
      outcome: 'Callback requested',
      duration: '1m 05s',
    });
    expect(lastCallSummary([entry('c1', 1, { status: 'MISSED', durationSeconds: null, direction: 'INBOUND' })], 'now')).toEqual({
      at: at(1),
      direction: 'Inbound',
      outcome: 'Missed',
      duration: '—',
    });
  });

  it('has no last call for a first-time caller', () => {
    expect(lastCallSummary([], 'now')).toBeNull();
    expect(lastCallSummary([entry('now', 1)], 'now')).toBeNull();
  });
});

describe('labels and warnings', () => {
  it('reads codes as words', () => {
    expect(humanizeCode('DO_NOT_CALL')).toBe('Do not call');
    expect(humanizeCode('INTERESTED')).toBe('Interested');
  });

  it('warns about a do-not-call lead only', () => {
    expect(leadStatusWarning('DO_NOT_CALL')).toMatch(/do not call/i);
    expect(leadStatusWarning('NEW')).toBeNull();
    expect(leadStatusWarning(undefined)).toBeNull();
  });
});
