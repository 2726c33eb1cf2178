import { Writable } from 'node:stream';
import express from 'express';
import { Registry } from 'prom-client';
import request from 'supertest';
import { healthRouter } from './health';
import { createLogger } from './logger';

describe('/readyz', () => {
  it('answers {status} only, and logs which dependency failed and why', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    let postgresUp = false;
    const app = express().use(
      healthRouter(
        new Registry(),
        {
          postgres: () => (postgresUp ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED 10.0.3.7:5432'))),
          redis: () => Promise.resolve('PONG'),
        },
        createLogger('health-test', 'info', sink),
      ),
    );

    const down = await request(app).get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'not ready' });
    expect(down.text).not.toContain('10.0.3.7');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'not ready', checks: { postgres: 'connect ECONNREFUSED 10.0.3.7:5432' } });

    postgresUp = true;
    const up = await request(app).get('/readyz');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ status: 'ready' });
  });
});
