import { hash } from '@node-rs/argon2';
import type { Db } from '@dialwave/db';
import { DEMO_AGENT, DEMO_USER, demoLeads } from './demo-data';

export interface DemoSeed {
  userId: string;
  agentId: string;
  leads: number;
  createdLeads: number;
}

/**
 * Creates the demo user, its simulator agent and 50 leads, and leaves them alone when they exist: running
 * `pnpm start` twice keeps the data (and any campaigns) of the first run.
 */
export async function seedDemo(prisma: Db): Promise<DemoSeed> {
  const user =
    (await prisma.user.findUnique({ where: { email: DEMO_USER.email } })) ??
    (await prisma.user.create({
      data: { email: DEMO_USER.email, name: DEMO_USER.name, passwordHash: await hash(DEMO_USER.password) },
    }));
  const agent =
    // By name or by number: the number is unique across the deployment, so a renamed demo agent still holds it.
    (await prisma.agent.findFirst({
      where: { userId: user.id, OR: [{ name: DEMO_AGENT.name }, { fromNumber: DEMO_AGENT.fromNumber }] },
      orderBy: { createdAt: 'asc' },
    })) ?? (await prisma.agent.create({ data: { ...DEMO_AGENT, userId: user.id } }));
  const { count } = await prisma.lead.createMany({
    data: demoLeads().map((lead) => ({ ...lead, userId: user.id, source: 'API' as const })),
    skipDuplicates: true,
  });
  const leads = await prisma.lead.count({ where: { userId: user.id } });
  return { userId: user.id, agentId: agent.id, leads, createdLeads: count };
}
