import type { Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { ServerToClientEvents } from '@dialwave/contracts';
import { verifyAuthToken } from '@dialwave/platform';
import type { ClientToServerEvents, InterServerEvents, SocketData } from './gateway-server';

type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Handshake middleware: the client sends the API's JWT as `auth: { token }`. A refused handshake reaches
 * the client as a `connect_error` whose message is `unauthorized`, and the socket never joins a room.
 */
export function authenticateSocket(jwtSecret: string, logger: Logger) {
  return (socket: GatewaySocket, next: (err?: Error) => void) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const claims = verifyAuthToken(typeof auth?.token === 'string' ? auth.token : undefined, jwtSecret);
    if (!claims) {
      logger.info({ address: socket.handshake.address }, 'refused a socket with a missing or invalid token');
      next(new Error('unauthorized'));
      return;
    }
    socket.data.userId = claims.userId;
    next();
  };
}
