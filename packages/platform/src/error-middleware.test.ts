import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { errorMiddleware } from './error-middleware';
import { createLogger } from './logger';

describe('errorMiddleware', () => {
  it('logs a failed request by its path only: callback tokens in the query never reach the error log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = express();
    app.post('/sanspbx/status', () => {
      throw new Error('database went away');
    });
    app.use(errorMiddleware(createLogger('error-test', 'info', sink)));

    const res = await request(app).post('/sanspbx/status?callId=c1&token=per-call-token');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    const logged = lines.join('');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ url: '/sanspbx/status', msg: 'request failed' });
    expect(logged).not.toContain('per-call-token');
  });
});
