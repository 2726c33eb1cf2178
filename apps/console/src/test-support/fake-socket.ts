import type { Socket } from 'socket.io-client';
import type { GatewayToClientEvents } from '@dialwave/contracts';

type Handler = (payload?: unknown) => void;

/** Stands in for the socket.io client: tests emit server events (and connects) by hand. */
export class FakeSocket {
  private readonly handlers = new Map<string, Handler[]>();
  disconnected = false;

  on(name: string, handler: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    return this;
  }

  emit(name: string, payload?: unknown): void {
    for (const handler of this.handlers.get(name) ?? []) handler(payload);
  }

  asSocket(): Socket<GatewayToClientEvents> {
    return this as unknown as Socket<GatewayToClientEvents>;
  }
}
