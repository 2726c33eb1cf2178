import { isUniqueViolation, type Agent, type Call, type Campaign, type Db, type DbTransaction, type Lead } from '@dialwave/db';
import { TERMINAL_CALL_STATUSES } from '@dialwave/contracts';

/** CallLog event that claims a call's dial request (see claimDial). */
export const DIAL_REQUESTED_EVENT = 'dial:requested';
export interface DialTarget {
  campaign: Campaign | null;
  lead: Lead | null;
  agent: Agent | null;
}

export interface NewOutboundCall {
  userId: string;
  campaignId: string;
  leadId: string;
  agentId: string;
  attempt: number;
  provider: Agent['provider'];
  fromNumber: string;
  toNumber: string;
}

/** The dial job's reads and writes of Call and CampaignLead rows (status changes go through the domain). */
export class DialRepository {
  constructor(private readonly prisma: Db) {}

  async loadTarget(campaignId: string, leadId: string): Promise<DialTarget> {
    const [campaign, lead] = await Promise.all([
      this.prisma.campaign.findUnique({ where: { id: campaignId }, include: { agent: true } }),
      this.prisma.lead.findUnique({ where: { id: leadId } }),
    ]);
    if (!campaign) return { campaign: null, lead, agent: null };
    const { agent, ...rest } = campaign;
    return { campaign: rest, lead, agent };
  }

  findAttemptCall(campaignId: string, leadId: string, attempt: number): Promise<Call | null> {
    return this.prisma.call.findUnique({ where: { campaignId_leadId_attempt: { campaignId, leadId, attempt } } });
  }

  /** The lead's full name, for the parameters of a voice runtime; empty when the lead is gone. */
  async leadName(leadId: string | null): Promise<string> {
    const lead = leadId ? await this.prisma.lead.findUnique({ where: { id: leadId }, select: { firstName: true, lastName: true } }) : null;
    return lead ? [lead.firstName, lead.lastName].filter(Boolean).join(' ') : '';
  }

  findAgent(agentId: string): Promise<Agent | null> {
    return this.prisma.agent.findUnique({ where: { id: agentId } });
  }

  findCall(callId: string): Promise<Call> {
    return this.prisma.call.findUniqueOrThrow({ where: { id: callId } });
  }

  /**
   * Creates the attempt's Call row, or returns the one a concurrent run of the same job created first:
   * the (campaignId, leadId, attempt) unique key makes "one call per attempt" hold across replicas.
   */
  async findOrCreateCall(data: NewOutboundCall): Promise<{ call: Call; created: boolean }> {
    try {
      const call = await this.prisma.call.create({ data: { ...data, direction: 'OUTBOUND', status: 'INITIATED' } });
      return { call, created: true };
    } catch (err) {
      if (isUniqueViolation(err)) {
        const existing = await this.findAttemptCall(data.campaignId, data.leadId, data.attempt);
        if (existing) return { call: existing, created: false };
      }
      throw err;
    }
  }

  /** QUEUED → IN_PROGRESS; a lead whose call already ended (DONE) is left alone. */
  async markLeadInProgress(campaignId: string, leadId: string, callId: string): Promise<void> {
    await this.prisma.campaignLead.updateMany({
      where: { campaignId, leadId, state: { in: ['QUEUED', 'IN_PROGRESS'] } },
      data: { state: 'IN_PROGRESS', lastCallId: callId },
    });
  }

  /**
   * Records, before the request goes out, that this call is being dialed. The CallLog's unique
   * (callId, event, sequence) key makes the claim exclusive: false means another run holds it, and a run
   * that finds a claim without a carrier sid cannot know whether the carrier took the call, so it never
   * dials again.
   */
  claimDial(call: Pick<Call, 'id' | 'campaignId'>): Promise<boolean> {
    return claimDialIn(this.prisma, call);
  }

  /** For a dial the carrier answered with an error: it placed no call, so a retry may dial. */
  async releaseDialClaim(callId: string): Promise<void> {
    await this.prisma.callLog.deleteMany({ where: { callId, event: DIAL_REQUESTED_EVENT } });
  }

  /** When this call's dial request was claimed, or null when no run has sent one. */
  async dialClaimedAt(callId: string): Promise<Date | null> {
    const claim = await this.prisma.callLog.findFirst({ where: { callId, event: DIAL_REQUESTED_EVENT }, select: { timestamp: true } });
    return claim?.timestamp ?? null;
  }

  /**
   * Stores the carrier's call sid when a callback outran the dial response: the status update that
   * carried the sid was then stale and did not write it, and reconciliation needs it.
   */
  async recordProviderCallSid(callId: string, providerCallSid: string): Promise<void> {
    await this.prisma.call.updateMany({ where: { id: callId, providerCallSid: null }, data: { providerCallSid } });
  }

  /** Outbound campaign calls still open although they were created before `createdBefore`. */
  findOverdueCalls(createdBefore: Date, limit = 200): Promise<Call[]> {
    return this.prisma.call.findMany({
      where: {
        direction: 'OUTBOUND',
        campaignId: { not: null },
        status: { notIn: [...TERMINAL_CALL_STATUSES] },
        createdAt: { lt: createdBefore },
      },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
  }

  /**
   * Calls still open that the carrier knows of (they have its sid), created before `before`: the ones an
   * outage may have left without their end. Keyset pages by (createdAt, id).
   */
  findOpenCallsCreatedBefore(before: Date, limit: number, after?: Pick<Call, 'createdAt' | 'id'>): Promise<Call[]> {
    return this.prisma.call.findMany({
      where: {
        status: { notIn: [...TERMINAL_CALL_STATUSES] },
        providerCallSid: { not: null },
        createdAt: { lt: before },
        ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  /** RUNNING campaigns, those held back by their tenant's cap first (oldest hold first), so they are served first. */
  runningCampaigns(): Promise<{ id: string; userId: string }[]> {
    return this.prisma.campaign.findMany({
      where: { status: 'RUNNING' },
      orderBy: [{ tenantHeldAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
      select: { id: true, userId: true },
    });
  }

  /** SCHEDULED campaigns whose start is before `before`. */
  async scheduledCampaigns(before: Date): Promise<{ id: string; startAt: Date }[]> {
    const rows = await this.prisma.campaign.findMany({
      where: { status: 'SCHEDULED', startAt: { lte: before } },
      orderBy: { startAt: 'asc' },
      select: { id: true, startAt: true },
    });
    return rows.flatMap((row) => (row.startAt ? [{ id: row.id, startAt: row.startAt }] : []));
  }
}

/** claimDial on a given client, so the pre-dial gate can claim inside its own transaction. */
export async function claimDialIn(db: Db | DbTransaction, call: Pick<Call, 'id' | 'campaignId'>): Promise<boolean> {
  const { count } = await db.callLog.createMany({
    data: [
      {
        callId: call.id,
        campaignId: call.campaignId,
        event: DIAL_REQUESTED_EVENT,
        sequence: 0,
        details: 'dial request sent to the carrier',
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}
