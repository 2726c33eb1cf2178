import { statementShape } from './postgres-statement-counter';
import { areaOf } from './cpu-profile-summary';

describe('statementShape', () => {
  it('names the verb and the first table a statement touches', () => {
    expect(statementShape('SELECT "t"."id" FROM "t_abc"."Call" AS "t" WHERE "id" = $1')).toBe('SELECT "Call"');
    expect(statementShape('UPDATE "s"."Campaign" SET "completedLeads" = 1')).toBe('UPDATE "Campaign"');
    expect(statementShape('INSERT INTO "s"."CallLog" ("id") VALUES ($1) ON CONFLICT DO NOTHING')).toBe('INSERT "CallLog"');
    expect(statementShape('BEGIN')).toBe('BEGIN');
    expect(statementShape('/* prepared */ WITH locked AS (SELECT 1 FROM "s"."Call") SELECT 1')).toBe('WITH "Call"');
  });
});

describe('areaOf', () => {
  it('attributes a profile frame to its package, not to the pnpm store path', () => {
    expect(areaOf('file:///x/node_modules/.pnpm/@prisma+client@7/node_modules/@prisma/client/runtime/client.js', 'f')).toBe(
      '@prisma/client',
    );
    expect(areaOf('file:///x/node_modules/.pnpm/pg@8/node_modules/pg/lib/client.js', 'f')).toBe('pg');
    expect(areaOf('node:internal/stream_base_commons', 'writeGeneric')).toBe('node core');
    expect(areaOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});
