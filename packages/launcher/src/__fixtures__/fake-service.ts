/**
 * A stand-in service for the launcher's own test: answers /readyz like a real service (503 until
 * FAKE_READY_DELAY_MS has passed; 404 with FAKE_NO_READYZ=1, like a tool without a probe), echoes its environment at /env, and logs a pino-style JSON line.
 */
import { createServer } from 'node:http';

const PORT_VARIABLES = ['API_PORT', 'INGEST_PORT', 'GATEWAY_PORT', 'DIALER_PORT', 'SIM_PORT'];
const portVariable = PORT_VARIABLES.find((name) => process.env[name]);
if (!portVariable) throw new Error('fake-service: no *_PORT variable given');
const port = Number(process.env[portVariable]);
const readyAt = Date.now() + Number(process.env.FAKE_READY_DELAY_MS ?? 0);

const server = createServer((req, res) => {
  if (req.url === '/readyz' && process.env.FAKE_NO_READYZ !== '1') {
    const ready = Date.now() >= readyAt;
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready' }));
    return;
  }
  if (req.url === '/env') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(process.env));
    return;
  }
  res.writeHead(404).end();
});

server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ level: 30, msg: 'listening', port, portVariable }));
});

// A service that ignores SIGTERM lets the test prove that stop() escalates to SIGKILL.
process.on('SIGTERM', () => {
  if (process.env.FAKE_IGNORE_SIGTERM === '1') {
    console.log(JSON.stringify({ level: 40, msg: 'ignoring SIGTERM' }));
    return;
  }
  console.log(JSON.stringify({ level: 30, msg: 'shutting down' }));
  server.close(() => process.exit(0));
});
