import { currentCallPhase, talkSeconds, type AcceptedCall } from './current-call';

const accepted: AcceptedCall = { callId: 'k1', callerName: 'Ada', phoneNumber: '+15550100', acceptedAt: '2026-11-25T12:00:00.000Z' };
const at = (s: number) => Date.parse('2026-11-25T12:00:00.000Z') + s * 1000;

describe('current call', () => {
  it('is live until its row says it ended', () => {
    expect(currentCallPhase(undefined)).toBe('live');
    expect(currentCallPhase({ status: 'ANSWERED', answeredAt: null, durationSeconds: null })).toBe('live');
    expect(currentCallPhase({ status: 'COMPLETED', answeredAt: null, durationSeconds: 12 })).toBe('ended');
    expect(currentCallPhase({ status: 'CANCELED', answeredAt: null, durationSeconds: null })).toBe('ended');
  });

  it('times a live call from the accept, or from the answer when the carrier answered later', () => {
    expect(talkSeconds(accepted, undefined, at(7))).toBe(7);
    expect(talkSeconds(accepted, { status: 'ANSWERED', answeredAt: '2026-11-25T12:00:02.000Z', durationSeconds: null }, at(7))).toBe(5);
    // An inbound caller is answered when parked in the queue: the wait before the accept is not talk time.
    expect(talkSeconds(accepted, { status: 'ANSWERED', answeredAt: '2026-11-25T11:59:30.000Z', durationSeconds: null }, at(7))).toBe(7);
  });

  it('shows the provider duration once the call ended, not the clock', () => {
    expect(talkSeconds(accepted, { status: 'COMPLETED', answeredAt: '2026-11-25T12:00:02.000Z', durationSeconds: 42 }, at(999))).toBe(42);
  });
});
