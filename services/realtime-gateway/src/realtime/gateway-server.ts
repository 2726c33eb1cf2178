import type { Server } from 'socket.io';
import type { ServerToClientEvents } from '@dialwave/contracts';

/** The console sends nothing over the socket: it acts over REST and listens here. */
export type ClientToServerEvents = Record<string, never>;
export type InterServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
}

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The room holding every socket of one user, on this replica. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}
