import { join } from 'node:path';
import { packagesLoadedBy } from '@dialwave/testkit';

describe('packages/domain', () => {
  it('loads no web framework, not even through @dialwave/platform', () => {
    const loaded = packagesLoadedBy(join(__dirname, 'index.ts'));
    expect(loaded).not.toContain('express');
    expect(loaded).not.toContain('pino-http');
  });
});
