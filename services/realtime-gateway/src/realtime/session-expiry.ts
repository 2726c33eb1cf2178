import type { Logger } from 'pino';
import { SESSION_EXPIRED_EVENT } from '@dialwave/contracts';
import type { GatewaySocket } from './gateway-server';

/** setTimeout fires at once for delays beyond 2^31-1 ms (~24.8 days), so longer waits go in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A socket lives no longer than the token it was opened with: at `expiresAt` it is told why
 * (`session:expired`) and disconnected, so the console signs out instead of reconnecting with a dead token.
 * One timer per socket, cleared when the socket goes first.
 */
export function disconnectAtExpiry(socket: GatewaySocket, logger: Logger, now: () => number = Date.now): void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    const remaining = socket.data.expiresAt - now();
    if (remaining > MAX_TIMER_MS) {
      timer = setTimeout(schedule, MAX_TIMER_MS);
      return;
    }
    timer = setTimeout(expire, Math.max(0, remaining));
  };
  const expire = () => {
    logger.info({ userId: socket.data.userId, socketId: socket.id }, 'disconnected a socket whose token expired');
    // Packets go out in order on the connection, so the client reads the reason before the disconnect.
    socket.emit(SESSION_EXPIRED_EVENT, { reason: 'token-expired', at: new Date(now()).toISOString() });
    socket.disconnect();
  };
  socket.once('disconnect', () => clearTimeout(timer));
  schedule();
}
