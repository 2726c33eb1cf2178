import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import twilio from 'twilio';
import { applyCallStatusUpdate, mapTwilioCallStatus, type CallStatusDeps } from '@dialwave/domain';

export interface SimStatusReceiver {
  /** Base URL to give the dialer as PUBLIC_WEBHOOK_URL. */
  url: string;
  /** Callback URLs whose X-Twilio-Signature did not verify. */
  rejectedSignatures: string[];
  close(): Promise<void>;
}

/**
 * A tiny stand-in for webhook-ingest: verifies the simulator's signature and applies each callback with
 * the domain's one status writer, as the real service does.
 */
export async function startSimStatusReceiver(deps: CallStatusDeps, authToken: string): Promise<SimStatusReceiver> {
  const rejectedSignatures: string[] = [];
  let url = '';
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post('/twilio/status', (req, res, next) => {
    const signedUrl = `${url}${req.originalUrl}`;
    if (!twilio.validateRequest(authToken, req.get('x-twilio-signature') ?? '', signedUrl, req.body as Record<string, string>)) {
      rejectedSignatures.push(signedUrl);
      res.status(403).end();
      return;
    }
    const callback = req.body as Record<string, string | undefined>;
    const status = mapTwilioCallStatus(callback.CallStatus ?? '');
    if (!status) {
      res.status(200).end();
      return;
    }
    applyCallStatusUpdate(deps, {
      callId: String(req.query.callId),
      status,
      event: `twilio:${callback.CallStatus}`,
      providerCallSid: callback.CallSid,
      ...(callback.SequenceNumber !== undefined ? { sequence: Number(callback.SequenceNumber) } : {}),
      ...(callback.CallDuration !== undefined ? { durationSeconds: Number(callback.CallDuration) } : {}),
      ...(callback.AnsweredBy ? { answeredBy: callback.AnsweredBy } : {}),
    })
      .then(() => res.status(200).end())
      .catch(next);
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    rejectedSignatures,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
