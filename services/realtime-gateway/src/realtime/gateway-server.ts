import type { Server, Socket } from 'socket.io';
import type { GatewayToClientEvents } from '@dialwave/contracts';

/** The console sends nothing over the socket: it acts over REST and listens here. */
export type ClientToServerEvents = Record<string, never>;
export type InterServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
  /** When the handshake's token expires (ms since the epoch); the socket is dropped then. */
  expiresAt: number;
}

export type GatewayServer = Server<ClientToServerEvents, GatewayToClientEvents, InterServerEvents, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, GatewayToClientEvents, InterServerEvents, SocketData>;

/** The room holding every socket of one user, on this replica. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}
