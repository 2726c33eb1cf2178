import { randomBytes } from 'node:crypto';
import { LEAD_CSV_COLUMNS, type TCallLog, type TCampaignStatus, type TCampaignWithStats } from '@dialwave/contracts';
import { uniqueAgentNumber, waitFor } from '@dialwave/testkit';
import { ApiClient } from '@dialwave/testkit';
import { DEADLINES } from './deadlines';

/** The number our simulator agent calls from (a Bengaluru landline; the simulator only reads `To`). */
export const AGENT_FROM_NUMBER = '+918047180000';

export interface Caller {
  api: ApiClient;
  agentId: string;
}

/** A fresh user with one simulator agent: the tenant every scenario acts as. */
export async function signUpCaller(apiUrl: string): Promise<Caller> {
  const api = new ApiClient(apiUrl);
  const id = randomBytes(4).toString('hex');
  await api.signup({ email: `caller-${id}@example.com`, password: 'correct-horse-battery', name: `Caller ${id}` });
  // Each caller its own number: a number belongs to one agent across the deployment.
  const agent = await api.createAgent({ name: 'Outbound agent', provider: 'simulator', fromNumber: uniqueAgentNumber() });
  return { api, agentId: agent.id };
}

/** Imports one lead per phone through the CSV endpoint; returns lead id by phone (E.164). */
export async function importLeads(api: ApiClient, phones: readonly string[]): Promise<Map<string, string>> {
  const rows = phones.map((phone, i) => [`Lead${i}`, 'E2e', phone, '', '', ''].join(','));
  const result = await api.importCsv([LEAD_CSV_COLUMNS.join(','), ...rows].join('\n'));
  if (result.created !== phones.length) {
    throw new Error(`import created ${result.created} of ${phones.length} leads: ${JSON.stringify(result)}`);
  }
  const leadIdByPhone = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await api.listLeads({ limit: 500, cursor });
    for (const lead of page.items) leadIdByPhone.set(lead.phone, lead.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  for (const phone of phones) if (!leadIdByPhone.has(phone)) throw new Error(`lead ${phone} not listed after import`);
  return leadIdByPhone;
}

export function waitForCampaignStatus(
  api: ApiClient,
  campaignId: string,
  status: TCampaignStatus,
  timeoutMs: number = DEADLINES.campaignMs,
): Promise<TCampaignWithStats> {
  return waitFor(
    async () => {
      const campaign = await api.getCampaign(campaignId);
      return campaign.status === status ? campaign : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `campaign ${campaignId} to be ${status}` },
  );
}

/** Every call-log row of a campaign, following the cursor. */
export async function allCallLogs(api: ApiClient, campaignId: string): Promise<TCallLog[]> {
  const logs: TCallLog[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.callLogs(campaignId, { limit: 500, cursor });
    logs.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return logs;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
