import type { ApiClient } from '@dialwave/testkit';
import { pollUntil, type BenchContext } from '../harness';
import { insertLeads, type BenchTenant } from '../seed/bench-tenant';
import { LEAD_MIX_SEED, planLeadMix } from '../seed/lead-mix';

const WARMUP_TIMEOUT_MS = 60_000;

/**
 * One small campaign first, so the measured one does not pay for cold processes (first Prisma queries,
 * JIT, connection pools, the simulator's first callbacks): a deployed dialer is warm.
 */
export async function warmUp(
  context: BenchContext,
  api: ApiClient,
  tenant: BenchTenant,
  { calls, cap }: { calls: number; cap: number },
): Promise<void> {
  const phones = planLeadMix(calls, LEAD_MIX_SEED + 1).map((lead) => lead.phone.replace(/^\+1415/, '+1416'));
  const leadIds = await insertLeads(context.db.prisma, tenant.userId, phones);
  const started = Date.now();
  const created = await api.createCampaign({ agentId: tenant.agentId, leadIds, campaignName: 'bench warm-up', maxConcurrentCalls: cap });
  const done = await pollUntil(
    async () => {
      const campaign = await context.db.prisma.campaign.findUniqueOrThrow({ where: { id: created.campaignId }, select: { status: true } });
      return campaign.status === 'COMPLETED' ? true : undefined;
    },
    { intervalMs: 20, timeoutMs: WARMUP_TIMEOUT_MS },
  );
  context.progress(`warm-up campaign of ${calls} calls ${done ? 'completed' : 'did NOT complete'} in ${Date.now() - started} ms`);
}
