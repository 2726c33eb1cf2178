import type { TCallStatus, TIncomingCallEvent } from '@dialwave/contracts';
import { isTerminalCallStatus } from '../dashboard/call-status';

/** Calls ringing for this user, oldest first: the modal shows the head, a counter the rest. */
export type IncomingQueue = readonly TIncomingCallEvent[];

export type IncomingQueueAction =
  | { type: 'received'; call: TIncomingCallEvent }
  | { type: 'status'; callId: string; status: TCallStatus }
  | { type: 'handled'; callId: string }
  | { type: 'cleared' };

/**
 * A repeated `incoming:call` (a redelivery, the gateway's reconnect) refreshes the caller's details in
 * place instead of queueing the call twice or moving it back. A call leaves the queue when this console
 * accepted or rejected it, or when its status turns terminal (the caller hung up, another tab rejected it).
 */
export function incomingQueueReducer(queue: IncomingQueue, action: IncomingQueueAction): IncomingQueue {
  switch (action.type) {
    case 'received': {
      const index = queue.findIndex((call) => call.callId === action.call.callId);
      if (index === -1) return [...queue, action.call];
      return queue.map((call, i) => (i === index ? action.call : call));
    }
    case 'status':
      return isTerminalCallStatus(action.status) ? withoutCall(queue, action.callId) : queue;
    case 'handled':
      return withoutCall(queue, action.callId);
    case 'cleared':
      return queue.length === 0 ? queue : [];
  }
}

function withoutCall(queue: IncomingQueue, callId: string): IncomingQueue {
  return queue.some((call) => call.callId === callId) ? queue.filter((call) => call.callId !== callId) : queue;
}
