import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { EVENT_NAMES, type ServerToClientEvents, type TCallStatusEvent } from '@dialwave/contracts';
import { signAuthToken } from '@dialwave/platform';
import type { DeliveryLedger } from './delivery-ledger';

export interface ConsoleSockets {
  count: number;
  /** Sockets that disconnected at any point after connecting. */
  disconnects(): number;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * `socketsPerUser` console sockets for each user, websocket transport, authenticated with the same kind of
 * token campaign-api issues. Every `call:status-updated` is stamped on arrival and handed to the ledger.
 */
export async function connectConsoleSockets(
  gatewayUrl: string,
  users: readonly { userId: string; email: string }[],
  socketsPerUser: number,
  jwtSecret: string,
  ledger: () => DeliveryLedger,
): Promise<ConsoleSockets> {
  const sockets: Socket<ServerToClientEvents>[] = [];
  let disconnects = 0;
  const connecting: Promise<void>[] = [];
  for (const user of users) {
    const token = signAuthToken({ userId: user.userId, email: user.email }, jwtSecret);
    for (let i = 0; i < socketsPerUser; i++) {
      const socketIndex = i;
      const socket: Socket<ServerToClientEvents> = io(gatewayUrl, {
        transports: ['websocket'],
        auth: { token },
        reconnection: false,
        forceNew: true,
        timeout: CONNECT_TIMEOUT_MS,
      });
      sockets.push(socket);
      socket.on(EVENT_NAMES.callStatusUpdated, (event: TCallStatusEvent) =>
        ledger().arrive(socketIndex, user.userId, event, performance.now()),
      );
      connecting.push(
        new Promise<void>((resolve, reject) => {
          socket.once('connect', () => {
            socket.on('disconnect', () => {
              disconnects += 1;
            });
            resolve();
          });
          socket.once('connect_error', (err) => reject(new Error(`socket for ${user.userId} could not connect: ${err.message}`)));
        }),
      );
    }
  }
  const close = () => {
    for (const socket of sockets) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  };
  try {
    await Promise.all(connecting);
  } catch (err) {
    close();
    throw err;
  }
  return { count: sockets.length, disconnects: () => disconnects, close };
}
