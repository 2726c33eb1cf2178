import { randomBytes } from 'node:crypto';
import type { Db } from '@dialwave/db';
import { uniqueAgentNumber } from '@dialwave/testkit';
import type { ApiClient } from '@dialwave/testkit';

export interface BenchTenant {
  userId: string;
  agentId: string;
}

/** A fresh user (through the API, so it has a real token) with one simulator agent. */
export async function signUpBenchTenant(api: ApiClient, label: string): Promise<BenchTenant> {
  const auth = await api.signup({
    email: `bench-${label}-${randomBytes(4).toString('hex')}@example.com`,
    password: 'bench-password-1',
    name: `Bench ${label}`,
  });
  const agent = await api.createAgent({ name: 'Bench agent', provider: 'simulator', fromNumber: uniqueAgentNumber() });
  return { userId: auth.user.id, agentId: agent.id };
}

/**
 * Inserts leads with the given phones in one statement and returns their ids in the same order. createdAt
 * steps by a millisecond per row, so "every lead" campaigns dial them in this order too.
 */
export async function insertLeads(prisma: Db, userId: string, phones: readonly string[]): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string; phone: string }[]>`
    INSERT INTO "Lead" ("id", "userId", "firstName", "lastName", "phone", "status", "source", "createdAt")
    SELECT gen_random_uuid()::text, ${userId}, 'Bench', 'Lead ' || given.ord, given.phone, 'NEW', 'IMPORT',
           now() + given.ord * interval '1 millisecond'
    FROM unnest(${phones as string[]}::text[]) WITH ORDINALITY AS given(phone, ord)
    ORDER BY given.ord
    RETURNING "id", "phone"`;
  const idByPhone = new Map(rows.map((row) => [row.phone, row.id]));
  return phones.map((phone) => {
    const id = idByPhone.get(phone);
    if (!id) throw new Error(`lead ${phone} was not inserted`);
    return id;
  });
}

/** Inserts `count` leads (+1 415 3xxxxxx) in one set-wise statement; returns how many rows were written. */
export async function insertGeneratedLeads(prisma: Db, userId: string, count: number): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO "Lead" ("id", "userId", "firstName", "lastName", "phone", "status", "source", "createdAt")
    SELECT gen_random_uuid()::text, ${userId}, 'Bench', 'Lead ' || n, '+1415' || (3000000 + n)::text, 'NEW', 'IMPORT',
           now() + n * interval '1 microsecond'
    FROM generate_series(1, ${count}::int) AS n`;
}
