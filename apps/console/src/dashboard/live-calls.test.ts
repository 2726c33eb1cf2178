import type { TCall, TCallStatus } from '@dialwave/contracts';
import { applyLiveCallEvent, elapsedSeconds, liveCallsFromCalls, type LiveCall } from './live-calls';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const ev = (callId: string, status: TCallStatus, s = 0) => ({
  callId,
  leadName: `Lead ${callId}`,
  phone: `+1555000${callId}`,
  status,
  at: at(s),
});

describe('applyLiveCallEvent', () => {
  it('adds a new call on top, timed from its first event', () => {
    const once = applyLiveCallEvent([], ev('1', 'DIALING', 1));
    const twice = applyLiveCallEvent(once, ev('2', 'INITIATED', 2));
    expect(twice.map((c) => c.callId)).toEqual(['2', '1']);
    expect(twice[1]).toEqual<LiveCall>({ callId: '1', leadName: 'Lead 1', phone: '+15550001', status: 'DIALING', startedAt: at(1) });
  });

  it('updates the status of a known call without moving its start time', () => {
    const calls = applyLiveCallEvent(applyLiveCallEvent([], ev('1', 'RINGING', 1)), ev('1', 'ANSWERED', 3));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 'ANSWERED', startedAt: at(1) });
  });

  it('ignores a late event below the status shown', () => {
    const answered = applyLiveCallEvent([], ev('1', 'ANSWERED', 3));
    expect(applyLiveCallEvent(answered, ev('1', 'RINGING', 2))[0]?.status).toBe('ANSWERED');
  });

  it.each<TCallStatus>(['COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED'])('takes a call off the list when it ends %s', (status) => {
    const calls = applyLiveCallEvent(applyLiveCallEvent([], ev('1', 'RINGING')), ev('2', 'ANSWERED'));
    expect(applyLiveCallEvent(calls, ev('1', status)).map((c) => c.callId)).toEqual(['2']);
  });

  it('never adds a call whose first event is terminal', () => {
    expect(applyLiveCallEvent([], ev('1', 'FAILED'))).toEqual([]);
  });
});

describe('liveCallsFromCalls', () => {
  it('keeps only calls still in flight, newest first', () => {
    const call = (id: string, status: TCallStatus, createdAt: string) => ({ id, status, toNumber: `+1${id}`, createdAt }) as TCall;
    const live = liveCallsFromCalls([call('a', 'RINGING', at(1)), call('b', 'COMPLETED', at(2)), call('c', 'DIALING', at(3))]);
    expect(live.map((c) => [c.callId, c.phone, c.startedAt])).toEqual([
      ['c', '+1c', at(3)],
      ['a', '+1a', at(1)],
    ]);
  });
});

describe('elapsedSeconds', () => {
  it('counts whole seconds since the start and never goes negative', () => {
    expect(elapsedSeconds(at(10), Date.parse(at(12)) + 900)).toBe(2);
    expect(elapsedSeconds(at(10), Date.parse(at(9)))).toBe(0);
  });
});
