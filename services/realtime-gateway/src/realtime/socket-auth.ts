import type { Logger } from 'pino';
import { SOCKET_UNAUTHORIZED } from '@dialwave/contracts';
import { verifyAuthToken } from '@dialwave/platform';
import type { GatewaySocket } from './gateway-server';

/**
 * Handshake middleware: the client sends the API's JWT as `auth: { token }`. A refused handshake (missing,
 * forged, expired, or no `exp`) reaches the client as a `connect_error` whose message is `unauthorized`,
 * and the socket never joins a room.
 */
export function authenticateSocket(jwtSecret: string, logger: Logger) {
  return (socket: GatewaySocket, next: (err?: Error) => void) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const claims = verifyAuthToken(typeof auth?.token === 'string' ? auth.token : undefined, jwtSecret);
    if (!claims) {
      logger.info({ address: socket.handshake.address }, 'refused a socket with a missing or invalid token');
      next(new Error(SOCKET_UNAUTHORIZED));
      return;
    }
    socket.data.userId = claims.userId;
    socket.data.expiresAt = claims.expiresAt;
    next();
  };
}
