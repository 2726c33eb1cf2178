/**
 * What `pnpm build` produces for each image: the workspace package, its folder and the compiled entrypoints
 * its containers run (`node dist/main.js` unless said otherwise). The Dockerfile has one target per entry,
 * named alike; docker-compose.yml and deploy/k8s run them as `dialwave/<name>`.
 */
export type ComponentName =
  'campaign-api' | 'webhook-ingest' | 'realtime-gateway' | 'dialer-worker' | 'carrier-sim' | 'console' | 'migrate';

export interface BuiltComponent {
  packageName: string;
  dir: string;
  /** Relative to dir. */
  entrypoints: string[];
}

export const COMPONENTS: Record<ComponentName, BuiltComponent> = {
  'campaign-api': {
    packageName: '@dialwave/campaign-api',
    dir: 'services/campaign-api',
    entrypoints: ['dist/main.js', 'dist/cli/user-create.js'],
  },
  'webhook-ingest': { packageName: '@dialwave/webhook-ingest', dir: 'services/webhook-ingest', entrypoints: ['dist/main.js'] },
  'realtime-gateway': { packageName: '@dialwave/realtime-gateway', dir: 'services/realtime-gateway', entrypoints: ['dist/main.js'] },
  'dialer-worker': { packageName: '@dialwave/dialer-worker', dir: 'services/dialer-worker', entrypoints: ['dist/main.js'] },
  'carrier-sim': { packageName: '@dialwave/carrier-sim', dir: 'tools/carrier-sim', entrypoints: ['dist/main.js'] },
  // dist/public: the static build (vite); dist/main.js its server.
  console: { packageName: '@dialwave/console', dir: 'apps/console', entrypoints: ['dist/main.js', 'dist/public/index.html'] },
  // dist/main.js: `prisma migrate deploy`; dist/seed-demo.js: the demo data (compose's demo profile).
  migrate: {
    packageName: '@dialwave/migrate',
    dir: 'services/migrate',
    entrypoints: ['dist/main.js', 'dist/seed-demo.js', 'dist/prisma/schema.prisma'],
  },
};
