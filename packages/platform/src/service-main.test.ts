import { createServer, type Server } from 'node:http';
import { listen } from './service-main';

describe('listen', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('resolves with the port bound, and rejects when another server holds that port', async () => {
    const first = createServer();
    servers.push(first);
    const port = await listen(first, 0);
    expect(port).toBeGreaterThan(0);

    const second = createServer();
    await expect(listen(second, port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
