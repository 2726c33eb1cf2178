import { parseUserEventEnvelope } from './user-event-forwarder';

describe('user event envelope', () => {
  it('reads the type and payload of a published event', () => {
    expect(parseUserEventEnvelope(JSON.stringify({ type: 'call:status-updated', payload: { callId: 'c1' } }))).toEqual({
      type: 'call:status-updated',
      payload: { callId: 'c1' },
    });
  });

  it('rejects text that is not JSON, or JSON without a string type and an object payload', () => {
    expect(parseUserEventEnvelope('not json')).toBeUndefined();
    expect(parseUserEventEnvelope('null')).toBeUndefined();
    expect(parseUserEventEnvelope(JSON.stringify({ type: 7, payload: {} }))).toBeUndefined();
    expect(parseUserEventEnvelope(JSON.stringify({ type: 'call:status-updated' }))).toBeUndefined();
    expect(parseUserEventEnvelope(JSON.stringify({ type: 'call:status-updated', payload: 'x' }))).toBeUndefined();
  });
});
