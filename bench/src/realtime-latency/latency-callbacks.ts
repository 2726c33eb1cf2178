import { randomBytes } from 'node:crypto';
import type { Db } from '@dialwave/db';
import { uniqueAgentNumber } from '@dialwave/testkit';
import type { TCallStatus } from '@dialwave/contracts';
import type { PreparedRequest } from '../load/callback-load';
import { insertDialingCampaign, type SeededCall } from '../webhook-ingest/seed-calls';
import { CALLBACK_STAGES, signedCallback, type CallbackStage } from '../webhook-ingest/signed-callbacks';
import { deliveryKey } from './delivery-ledger';

/** The status webhook-ingest writes (and publishes) for each Twilio stage, as packages/domain maps it. */
const STATUS_OF_STAGE: Record<CallbackStage, TCallStatus> = { ringing: 'RINGING', 'in-progress': 'ANSWERED', completed: 'COMPLETED' };

export interface ConsoleUser {
  userId: string;
  email: string;
  agentId: string;
}

export interface LatencyCallback {
  request: PreparedRequest;
  ownerUserId: string;
  /** callId + the status its `call:status-updated` carries. */
  key: string;
}

/** `count` users, each with a simulator agent, written directly (the gateway only needs the token's subject). */
export async function insertConsoleUsers(prisma: Db, count: number, label: string): Promise<ConsoleUser[]> {
  const users: ConsoleUser[] = [];
  for (let i = 0; i < count; i++) {
    const email = `bench-realtime-${label}-${i}-${randomBytes(4).toString('hex')}@example.com`;
    const user = await prisma.user.create({ data: { email, passwordHash: 'not-a-real-hash', name: `Bench console ${i}` } });
    const agent = await prisma.agent.create({
      data: { userId: user.id, name: 'Bench agent', provider: 'SIMULATOR', fromNumber: uniqueAgentNumber() },
    });
    users.push({ userId: user.id, email, agentId: agent.id });
  }
  return users;
}

/**
 * Seeds ceil(callbacks / 3) DIALING calls spread evenly over the users and signs their ringing /
 * in-progress / completed callbacks. Calls of all users interleave; within each group of `groupSize` calls
 * every ringing goes before any in-progress, so at 500/s a call's next callback leaves `groupSize` × 2 ms
 * after the previous one and is never overtaken.
 */
export async function seedLatencyCallbacks(
  prisma: Db,
  users: readonly ConsoleUser[],
  callbacks: number,
  phoneOffset: number,
  signing: { publicWebhookUrl: string; accountSid: string; authToken: string; groupSize: number },
): Promise<LatencyCallback[]> {
  const callsPerUser = Math.ceil(Math.ceil(callbacks / CALLBACK_STAGES.length) / users.length);
  const seeded: { call: SeededCall; ownerUserId: string }[][] = [];
  for (const user of users) {
    const campaign = await insertDialingCampaign(prisma, user, callsPerUser, phoneOffset);
    seeded.push(campaign.calls.map((call) => ({ call, ownerUserId: user.userId })));
  }
  const interleaved: { call: SeededCall; ownerUserId: string }[] = [];
  for (let i = 0; i < callsPerUser; i++) for (const calls of seeded) interleaved.push(calls[i]!);

  const at = new Date();
  const out: LatencyCallback[] = [];
  for (let start = 0; start < interleaved.length && out.length < callbacks; start += signing.groupSize) {
    const group = interleaved.slice(start, start + signing.groupSize);
    for (const stage of CALLBACK_STAGES) {
      for (const { call, ownerUserId } of group) {
        out.push({
          request: signedCallback(call, stage, { ...signing, at }),
          ownerUserId,
          key: deliveryKey(call.callId, STATUS_OF_STAGE[stage]),
        });
      }
    }
  }
  return out.slice(0, callbacks);
}
