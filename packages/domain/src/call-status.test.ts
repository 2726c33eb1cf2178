import { canAdvanceCallStatus, isTerminalCallStatus, mapTwilioCallStatus, statusesBelow } from './call-status';

describe('Twilio status mapping', () => {
  it.each([
    ['queued', 'DIALING'],
    ['initiated', 'DIALING'],
    ['ringing', 'RINGING'],
    ['in-progress', 'ANSWERED'],
    ['completed', 'COMPLETED'],
    ['busy', 'BUSY'],
    ['no-answer', 'MISSED'],
    ['failed', 'FAILED'],
    ['canceled', 'CANCELED'],
  ])('maps %s to %s', (twilio, ours) => {
    expect(mapTwilioCallStatus(twilio)).toBe(ours);
  });

  it('returns undefined for a word Twilio does not document', () => {
    expect(mapTwilioCallStatus('answered-by-robot')).toBeUndefined();
  });
});

describe('call state machine ranks', () => {
  it('only moves forward', () => {
    expect(canAdvanceCallStatus('DIALING', 'RINGING')).toBe(true);
    expect(canAdvanceCallStatus('RINGING', 'COMPLETED')).toBe(true);
    expect(canAdvanceCallStatus('ANSWERED', 'RINGING')).toBe(false);
    expect(canAdvanceCallStatus('RINGING', 'RINGING')).toBe(false);
  });

  it('never changes a terminal status, not even to another terminal one', () => {
    for (const terminal of ['COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED'] as const) {
      expect(isTerminalCallStatus(terminal)).toBe(true);
      expect(canAdvanceCallStatus(terminal, 'FAILED')).toBe(false);
      expect(canAdvanceCallStatus(terminal, 'ANSWERED')).toBe(false);
    }
    expect(isTerminalCallStatus('ANSWERED')).toBe(false);
  });

  it('lists the statuses from which a status may be applied', () => {
    expect(statusesBelow('RINGING').sort()).toEqual(['DIALING', 'INITIATED']);
    expect(statusesBelow('COMPLETED').sort()).toEqual(['ANSWERED', 'DIALING', 'INITIATED', 'RINGING']);
  });
});
