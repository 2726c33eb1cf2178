import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ReceivedCallback {
  /** The full URL as the sender addressed it, which is what Twilio signs. */
  url: string;
  signature: string;
  contentType: string;
  params: Record<string, string>;
}

export interface CallbackReceiver {
  baseUrl: string;
  received: ReceivedCallback[];
  /** Callbacks received for one call, in arrival order. */
  forCall(callSid: string): ReceivedCallback[];
  /** Makes the next `count` requests fail with HTTP 500. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** A stand-in for our webhook service: records every status callback it is sent. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  let failuresLeft = 0;
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.all('/{*path}', (req, res) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      res.status(500).send('down');
      return;
    }
    received.push({
      url: `http://${req.get('host')}${req.originalUrl}`,
      signature: req.get('x-twilio-signature') ?? '',
      contentType: req.get('content-type') ?? '',
      params: { ...(req.method === 'GET' ? req.query : req.body) } as Record<string, string>,
    });
    res.type('text/xml').send('<Response/>');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    forCall: (callSid) => received.filter((cb) => cb.params.CallSid === callSid),
    failNext: (count) => {
      failuresLeft = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
