import { Prisma, type Agent, type Call, type Db } from '@dialwave/db';

export const ACCEPTED_EVENT = 'inbound:accepted';
export const REJECTED_EVENT = 'inbound:rejected';

export type ClaimResult = 'claimed' | 'already-accepted' | 'already-rejected' | 'ended';

/** The writes behind accept and reject. Every query carries the owner's userId. */
export class InboundCallRepository {
  constructor(private readonly prisma: Db) {}

  findCall(userId: string, id: string): Promise<Call | null> {
    return this.prisma.call.findFirst({ where: { id, userId } });
  }

  findAgent(userId: string, id: string): Promise<Agent | null> {
    return this.prisma.agent.findFirst({ where: { id, userId } });
  }

  /**
   * Claims a waiting caller for one agent: the `inbound:accepted` log row is unique per call, so of two
   * agents accepting at once exactly one wins. Runs under the call's row lock, like every status write.
   */
  claimAcceptance(call: Call, agent: Agent, isLive: (status: Call['status']) => boolean): Promise<ClaimResult> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM "Call" WHERE "id" = ${call.id} FOR UPDATE`;
      const current = await tx.call.findUniqueOrThrow({ where: { id: call.id } });
      if (!isLive(current.status)) return 'ended';
      if (await tx.callLog.count({ where: { callId: call.id, event: REJECTED_EVENT } })) return 'already-rejected';
      const inserted = await tx.callLog.createMany({
        data: [
          {
            callId: call.id,
            campaignId: call.campaignId,
            event: ACCEPTED_EVENT,
            details: `accepted by ${agent.name}`,
            data: { agentId: agent.id, agentName: agent.name },
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return 'already-accepted';
      await tx.call.update({ where: { id: call.id }, data: { agentId: agent.id } });
      return 'claimed';
    });
  }

  /** The carrier refused to connect: the claim is given back (so accepting can be retried) and the failure logged. */
  releaseAcceptance(call: Call, reason: string): Promise<unknown> {
    const event = 'inbound:accept-failed';
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM "Call" WHERE "id" = ${call.id} FOR UPDATE`;
      await tx.callLog.deleteMany({ where: { callId: call.id, event: ACCEPTED_EVENT } });
      // One row per failed attempt: the sequence slot of the (callId, event, sequence) key counts them.
      const attempt = await tx.callLog.count({ where: { callId: call.id, event } });
      await tx.callLog.create({ data: { callId: call.id, campaignId: call.campaignId, event, sequence: attempt, details: reason } });
    });
  }

  /**
   * Logs the rejection once and keeps its reason as the call's failureReason (it explains why a call that
   * ends COMPLETED had no conversation; `notes` stay the agent's disposition notes).
   */
  async recordRejection(call: Call, reason: string | undefined): Promise<void> {
    const failureReason = reason ? `rejected: ${reason}` : 'rejected';
    await this.prisma.$transaction([
      this.prisma.callLog.createMany({
        data: [
          {
            callId: call.id,
            campaignId: call.campaignId,
            event: REJECTED_EVENT,
            details: failureReason,
            data: reason ? { reason } : Prisma.JsonNull,
          },
        ],
        skipDuplicates: true,
      }),
      this.prisma.call.updateMany({ where: { id: call.id, failureReason: null }, data: { failureReason } }),
    ]);
  }

  logEvent(call: Call, event: string, details: string, data?: Prisma.InputJsonValue): Promise<unknown> {
    return this.prisma.callLog.createMany({
      data: [{ callId: call.id, campaignId: call.campaignId, event, details, data: data ?? Prisma.JsonNull }],
      skipDuplicates: true,
    });
  }

  findCallOrThrow(id: string): Promise<Call> {
    return this.prisma.call.findUniqueOrThrow({ where: { id } });
  }
}
