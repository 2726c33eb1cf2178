import type { TIncomingCallEvent } from '@dialwave/contracts';
import { incomingQueueReducer, type IncomingQueue } from './incoming-queue';

const ringing = (callId: string, firstName = 'Ada'): TIncomingCallEvent => ({
  callId,
  phoneNumber: `+1555010${callId.length}`,
  lead: { id: `lead-${callId}`, firstName, lastName: null, company: null, status: 'NEW' },
  history: [],
  lastSummary: null,
  suggestedAgent: null,
});

const ids = (queue: IncomingQueue) => queue.map((call) => call.callId);

describe('incoming call queue', () => {
  it('queues calls in the order they rang, so the oldest caller is shown first', () => {
    let queue: IncomingQueue = [];
    for (const id of ['a', 'b', 'c']) queue = incomingQueueReducer(queue, { type: 'received', call: ringing(id) });
    expect(ids(queue)).toEqual(['a', 'b', 'c']);
  });

  it('a repeated incoming event updates the caller in place instead of queueing the call twice', () => {
    let queue: IncomingQueue = [ringing('a'), ringing('b')];
    queue = incomingQueueReducer(queue, { type: 'received', call: ringing('a', 'Grace') });
    expect(ids(queue)).toEqual(['a', 'b']);
    expect(queue[0]?.lead?.firstName).toBe('Grace');
  });

  it('drops a call whose status turns terminal (the caller hung up) and keeps it while it is live', () => {
    const queue: IncomingQueue = [ringing('a'), ringing('b')];
    expect(incomingQueueReducer(queue, { type: 'status', callId: 'a', status: 'RINGING' })).toBe(queue);
    expect(incomingQueueReducer(queue, { type: 'status', callId: 'a', status: 'ANSWERED' })).toBe(queue);
    expect(ids(incomingQueueReducer(queue, { type: 'status', callId: 'a', status: 'CANCELED' }))).toEqual(['b']);
    expect(ids(incomingQueueReducer(queue, { type: 'status', callId: 'b', status: 'COMPLETED' }))).toEqual(['a']);
  });

  it('drops a call once it is accepted or rejected here, and ignores calls it does not hold', () => {
    const queue: IncomingQueue = [ringing('a'), ringing('b')];
    expect(ids(incomingQueueReducer(queue, { type: 'handled', callId: 'a' }))).toEqual(['b']);
    expect(incomingQueueReducer(queue, { type: 'handled', callId: 'zz' })).toBe(queue);
    expect(incomingQueueReducer(queue, { type: 'status', callId: 'zz', status: 'COMPLETED' })).toBe(queue);
  });

  it('empties on sign-out', () => {
    expect(incomingQueueReducer([ringing('a')], { type: 'cleared' })).toEqual([]);
  });
});
