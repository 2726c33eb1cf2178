import type { TCallStatusEvent } from '@dialwave/contracts';

interface Expected {
  ownerUserId: string;
  sentAt: number;
  /** Arrival time per socket index of the owner; a second arrival on one socket counts as a duplicate. */
  arrivals: Map<number, number>;
}

export interface DeliverySummary {
  callbacks: number;
  expectedDeliveries: number;
  deliveries: number;
  duplicates: number;
  /** Events for a call/status nobody sent, or delivered to a socket of another user. */
  strays: number;
  /** Callbacks whose event reached at least one socket of the owner / every socket of the owner. */
  reachedAnySocket: number;
  reachedEverySocket: number;
  /** Request sent → first socket of the owner got the event, per callback that reached any. */
  firstSocketMs: number[];
  /** Request sent → the owner's last socket got it, per callback that reached every socket. */
  slowestSocketMs: number[];
}

export function deliveryKey(callId: string, status: string): string {
  return `${callId}:${status}`;
}

/** Which callback each `call:status-updated` belongs to, and when each of the owner's sockets received it. */
export class DeliveryLedger {
  private readonly expected = new Map<string, Expected>();
  private duplicates = 0;
  private strays = 0;
  private deliveries = 0;

  constructor(private readonly socketsPerUser: number) {}

  expect(key: string, ownerUserId: string, sentAt: number): void {
    this.expected.set(key, { ownerUserId, sentAt, arrivals: new Map() });
  }

  arrive(socketIndex: number, socketUserId: string, event: TCallStatusEvent, at: number): void {
    const entry = this.expected.get(deliveryKey(event.callId, event.status));
    if (!entry || entry.ownerUserId !== socketUserId) {
      this.strays += 1;
      return;
    }
    if (entry.arrivals.has(socketIndex)) {
      this.duplicates += 1;
      return;
    }
    entry.arrivals.set(socketIndex, at);
    this.deliveries += 1;
  }

  expectedDeliveries(): number {
    return this.expected.size * this.socketsPerUser;
  }

  delivered(): number {
    return this.deliveries;
  }

  summary(): DeliverySummary {
    const firstSocketMs: number[] = [];
    const slowestSocketMs: number[] = [];
    let reachedAnySocket = 0;
    let reachedEverySocket = 0;
    for (const entry of this.expected.values()) {
      if (entry.arrivals.size === 0) continue;
      const times = [...entry.arrivals.values()];
      reachedAnySocket += 1;
      firstSocketMs.push(Math.min(...times) - entry.sentAt);
      if (entry.arrivals.size === this.socketsPerUser) {
        reachedEverySocket += 1;
        slowestSocketMs.push(Math.max(...times) - entry.sentAt);
      }
    }
    return {
      callbacks: this.expected.size,
      expectedDeliveries: this.expectedDeliveries(),
      deliveries: this.deliveries,
      duplicates: this.duplicates,
      strays: this.strays,
      reachedAnySocket,
      reachedEverySocket,
      firstSocketMs,
      slowestSocketMs,
    };
  }
}
