import { join } from 'node:path';
import { packagesLoadedBy } from '@dialwave/testkit';

describe('@dialwave/platform entry points', () => {
  it('importing errors, env parsing and tokens loads neither express nor ioredis', () => {
    const loaded = packagesLoadedBy(join(__dirname, 'index.ts'));
    expect(loaded).not.toContain('express');
    expect(loaded).not.toContain('pino-http');
    expect(loaded).not.toContain('ioredis');
  });

  it('the http entry point is where express comes in', () => {
    expect(packagesLoadedBy(join(__dirname, 'http.ts'))).toContain('express');
  });
});
