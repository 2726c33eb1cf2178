import type { Response } from 'express';
import type { Logger } from 'pino';
import type { TCallbackEntry } from '@dialwave/contracts';
import { AppError } from '@dialwave/platform';
import type { CallbackStreams } from '../callbacks/callback-streams';
import type { IngestMetrics } from './ingest-metrics';

export interface StoreCallbackDeps {
  /** On the producer connection: with Redis away an append fails at once instead of queueing in memory. */
  streams: CallbackStreams;
  metrics: IngestMetrics;
  logger: Logger;
}

/** Seconds a carrier is asked to wait before trying again while Redis is away. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The durable write a verified callback's 2xx waits for: an append to its call's stream (Redis with AOF).
 * Postgres is not involved, so callbacks keep being accepted through a database outage and are applied
 * when it is back. With Redis away there is nowhere durable to put it: 503 with Retry-After, so a carrier
 * that retries (SansPBX, the simulator) comes back later; Twilio does not retry status callbacks, and the
 * calls concerned are settled with the carrier once Redis is back (see the README's failure model).
 */
export async function storeCallback(
  deps: StoreCallbackDeps,
  res: Response,
  label: { provider: string; callStatus: string },
  entry: Omit<TCallbackEntry, 'v' | 'receivedAt'>,
  partitionKey: string,
): Promise<void> {
  try {
    await deps.streams.append(partitionKey, { v: 1, ...entry, receivedAt: Date.now() });
  } catch (err) {
    deps.metrics.webhookReceived(label.provider, label.callStatus, 'unavailable');
    deps.logger.error({ err, callId: entry.callId, kind: entry.kind }, 'could not store a callback (Redis unavailable); answered 503');
    res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    throw new AppError('UNAVAILABLE', 'Callback store unavailable; retry later');
  }
  deps.metrics.webhookReceived(label.provider, label.callStatus, 'accepted');
}
