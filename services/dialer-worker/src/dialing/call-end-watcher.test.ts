import { CallEndSubscription, HandOverError } from './call-end-watcher';

const subscription = () => new CallEndSubscription('call-1', async () => undefined);

describe('a call end subscription', () => {
  it('keeps a signal that arrives while nobody waits, so the next wait returns at once', async () => {
    const sub = subscription();
    sub.signal();
    await expect(sub.next()).resolves.toBeUndefined();
  });

  it('wakes a waiter when the signal arrives', async () => {
    const sub = subscription();
    const woken = sub.next();
    sub.signal();
    await expect(woken).resolves.toBeUndefined();
  });

  it('does not wake a second wait with a signal the first one consumed', async () => {
    const sub = subscription();
    sub.signal();
    await sub.next();
    const second = sub.next();
    const outcome = await Promise.race([
      second.then(() => 'woken'),
      new Promise((resolve) => setImmediate(() => resolve('still waiting'))),
    ]);
    expect(outcome).toBe('still waiting');
    sub.signal();
    await second;
  });

  it('fails the current and every later wait once handed over', async () => {
    const sub = subscription();
    const waiting = sub.next();
    sub.abort(new HandOverError());
    await expect(waiting).rejects.toBeInstanceOf(HandOverError);
    await expect(sub.next()).rejects.toBeInstanceOf(HandOverError);
  });
});
