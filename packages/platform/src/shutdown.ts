import type { Logger } from 'pino';

type Closer = () => Promise<unknown> | unknown;

/**
 * The one owner of graceful shutdown: resources register in start order and close in reverse, so a
 * server stops taking requests before the queues and connections it uses are closed.
 */
export class ShutdownManager {
  private readonly closers: { name: string; close: Closer }[] = [];
  private shuttingDown: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  register(name: string, close: Closer): void {
    this.closers.push({ name, close });
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown !== undefined;
  }

  shutdown(reason: string): Promise<void> {
    this.shuttingDown ??= this.closeAll(reason);
    return this.shuttingDown;
  }

  /** Wires SIGTERM/SIGINT to shutdown and exits once everything is closed (or after `graceMs`). */
  listenForSignals(graceMs = 30_000): void {
    const onSignal = (signal: NodeJS.Signals) => {
      const timer = setTimeout(() => {
        this.logger.error({ signal, graceMs }, 'shutdown grace period elapsed; exiting');
        process.exit(1);
      }, graceMs);
      timer.unref();
      void this.shutdown(signal).then(() => process.exit(0));
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  private async closeAll(reason: string): Promise<void> {
    this.logger.info({ reason }, 'shutting down');
    for (const { name, close } of [...this.closers].reverse()) {
      try {
        await close();
      } catch (err) {
        this.logger.error({ err, resource: name }, 'failed to close resource');
      }
    }
    this.logger.info('shutdown complete');
  }
}
