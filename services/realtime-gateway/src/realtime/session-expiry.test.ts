import { createLogger } from '@dialwave/platform';
import type { GatewaySocket } from './gateway-server';
import { disconnectAtExpiry } from './session-expiry';

class FakeSocket {
  readonly id = 'socket-1';
  readonly emitted: { name: string; payload: unknown }[] = [];
  disconnected = false;
  private onDisconnect: (() => void) | undefined;
  constructor(readonly data: { userId: string; expiresAt: number }) {}
  emit(name: string, payload: unknown) {
    this.emitted.push({ name, payload });
    return true;
  }
  disconnect() {
    this.disconnected = true;
    this.onDisconnect?.();
    return this;
  }
  once(_event: 'disconnect', handler: () => void) {
    this.onDisconnect = handler;
    return this;
  }
  /** The client leaving on its own. */
  leave() {
    this.onDisconnect?.();
  }
  asSocket() {
    return this as unknown as GatewaySocket;
  }
}

const logger = createLogger('expiry-test', 'silent');

describe('disconnectAtExpiry', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('tells the socket its session expired and disconnects it exactly at expiry', () => {
    const socket = new FakeSocket({ userId: 'u1', expiresAt: 1_000_000 + 5_000 });
    disconnectAtExpiry(socket.asSocket(), logger);
    jest.advanceTimersByTime(4_999);
    expect(socket.disconnected).toBe(false);
    jest.advanceTimersByTime(1);
    expect(socket.emitted).toEqual([
      { name: 'session:expired', payload: { reason: 'token-expired', at: new Date(1_005_000).toISOString() } },
    ]);
    expect(socket.disconnected).toBe(true);
  });

  it('clears its timer when the socket leaves first', () => {
    const socket = new FakeSocket({ userId: 'u1', expiresAt: 1_000_000 + 5_000 });
    disconnectAtExpiry(socket.asSocket(), logger);
    socket.leave();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(10_000);
    expect(socket.emitted).toEqual([]);
  });

  it('waits out an expiry beyond the 24.8-day setTimeout limit instead of firing at once', () => {
    const days = 30;
    const socket = new FakeSocket({ userId: 'u1', expiresAt: 1_000_000 + days * 86_400_000 });
    disconnectAtExpiry(socket.asSocket(), logger);
    jest.advanceTimersByTime(25 * 86_400_000);
    expect(socket.disconnected).toBe(false);
    jest.advanceTimersByTime(5 * 86_400_000);
    expect(socket.disconnected).toBe(true);
  });
});
