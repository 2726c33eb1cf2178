import type { AddressInfo } from 'node:net';
import express from 'express';

export interface ReceivedCallback {
  /** The full URL as the sender addressed it, which is what Twilio signs. */
  url: string;
  signature: string;
  contentType: string;
  /** The path without the query string, e.g. `/twilio/incoming`. */
  path: string;
  /** Form or query parameters; empty for a JSON body. */
  params: Record<string, string>;
  /** The parsed body of a JSON request (SansPBX callbacks). */
  json?: unknown;
}

export interface ReceiverReply {
  status?: number;
  /** Sent as text/xml, the way our webhook answers TwiML. */
  body: string;
}

export interface CallbackReceiver {
  baseUrl: string;
  received: ReceivedCallback[];
  /** Callbacks received for one call, in arrival order. */
  forCall(callSid: string): ReceivedCallback[];
  /** Makes the next `count` requests fail with HTTP 500. */
  failNext(count: number): void;
  /** Answers every later request to `path` with this reply instead of `<Response/>`. */
  replyTo(path: string, reply: ReceiverReply): void;
  close(): Promise<void>;
}

/** A stand-in for our webhook service: records every status callback it is sent. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  let failuresLeft = 0;
  const replies = new Map<string, ReceiverReply>();
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use(express.json());
  app.all('/{*path}', (req, res) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      res.status(500).send('down');
      return;
    }
    const contentType = req.get('content-type') ?? '';
    const isJson = contentType.includes('application/json');
    received.push({
      url: `http://${req.get('host')}${req.originalUrl}`,
      signature: req.get('x-twilio-signature') ?? '',
      contentType,
      path: req.path,
      params: isJson ? {} : ({ ...(req.method === 'GET' ? req.query : req.body) } as Record<string, string>),
      ...(isJson ? { json: req.body as unknown } : {}),
    });
    const reply = replies.get(req.path) ?? { body: '<Response/>' };
    res
      .status(reply.status ?? 200)
      .type('text/xml')
      .send(reply.body);
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
    replyTo: (path, reply) => {
      replies.set(path, reply);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
