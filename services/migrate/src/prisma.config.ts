import { defineConfig } from 'prisma/config';

// The image's Prisma config (dist/prisma.config.js): paths are relative to this file's folder, where the
// build copies the schema and its migrations (the repository's own is prisma.config.ts at the root).
// `export =`: Prisma's config loader reads the CommonJS module's own value, not an esbuild `default` getter.
export = defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
