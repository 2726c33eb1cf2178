import { EVENT_NAMES, type TIncomingCallEvent, type TVoipProvider } from '@dialwave/contracts';
import type { Agent, Call, Lead, Prisma } from '@dialwave/db';
import { isUniqueViolation } from '@dialwave/db/errors';
import { buildCallHistory, lastSummaryOf, suggestAgentFor, type TSuggestedAgent } from './call-history';
import type { CallStatusDeps } from './deps';
import { toE164 } from './phone-number';

export interface InboundCallInput {
  providerCallSid: string;
  /** The caller's number as the carrier reports it (may be a word such as `anonymous`). */
  from: string;
  /** The number that was dialled: one of our agents' `fromNumber`. */
  to: string;
  provider: TVoipProvider;
  /** Caller id name, when the carrier looked it up. */
  callerName?: string;
  raw?: unknown;
}

export type InboundCallResult =
  /** No agent owns the dialled number: the caller hears a polite goodbye and nothing is stored. */
  | { outcome: 'no-agent' }
  /** `duplicate` = a redelivered webhook for a call we already hold; nothing new was written or published. */
  | { outcome: 'received' | 'duplicate'; call: Call; agent: Agent; lead: Lead | null };

/** The first name of an inbound lead whose caller gave no name; the console shows it as is. */
export const UNKNOWN_CALLER_NAME = 'Unknown caller';

/**
 * An inbound call reaches us: the agent whose number was dialled decides the owning user; the caller
 * becomes (or is found as) that user's lead; the INBOUND call row is created RINGING, once per carrier
 * sid; and the owner's consoles get `incoming:call` with the lead's history and the agent to route to.
 */
export async function receiveInboundCall(deps: CallStatusDeps, input: InboundCallInput): Promise<InboundCallResult> {
  const log = deps.logger.child({ callSid: input.providerCallSid });
  const existing = await deps.prisma.call.findUnique({
    where: { providerCallSid: input.providerCallSid },
    include: { agent: true, lead: true },
  });
  if (existing?.agent) return { outcome: 'duplicate', call: existing, agent: existing.agent, lead: existing.lead };

  const dialled = toE164(input.to) ?? input.to.trim();
  // An agent's number is unique across the deployment: one number, one agent, one tenant.
  const agent = await deps.prisma.agent.findUnique({ where: { fromNumber: dialled } });
  if (!agent) {
    log.warn({ to: input.to, from: input.from }, 'inbound call to a number no agent owns; answered with a goodbye');
    return { outcome: 'no-agent' };
  }

  const callerPhone = toE164(input.from);
  const lead = callerPhone ? await findOrCreateLead(deps, agent.userId, callerPhone, input.callerName) : null;
  const created = await createInboundCall(deps, input, agent, lead, callerPhone ?? input.from.trim());
  if (!created.created) return { outcome: 'duplicate', call: created.call, agent, lead };

  const callLog = log.child({ callId: created.call.id, userId: agent.userId });
  callLog.info({ leadId: lead?.id, agentId: agent.id, provider: input.provider }, 'inbound call received');
  try {
    await deps.events.publish(agent.userId, {
      type: EVENT_NAMES.incomingCall,
      payload: await incomingCallEvent(deps, created.call, agent, lead),
    });
  } catch (err) {
    // The call is stored; consoles that missed the event see it when they refetch.
    callLog.error({ err }, 'failed to publish incoming:call');
  }
  return { outcome: 'received', call: created.call, agent, lead };
}

async function findOrCreateLead(deps: CallStatusDeps, userId: string, phone: string, callerName: string | undefined): Promise<Lead> {
  const where = { userId_phone: { userId, phone } };
  const existing = await deps.prisma.lead.findUnique({ where });
  if (existing) return existing;
  try {
    return await deps.prisma.lead.create({
      data: { userId, phone, firstName: callerName?.trim().slice(0, 200) || UNKNOWN_CALLER_NAME, source: 'INBOUND' },
    });
  } catch (err) {
    // Two calls from one new number at once (or a redelivered webhook): the other request created the lead.
    if (isUniqueViolation(err)) return deps.prisma.lead.findUniqueOrThrow({ where });
    throw err;
  }
}

async function createInboundCall(
  deps: CallStatusDeps,
  input: InboundCallInput,
  agent: Agent,
  lead: Lead | null,
  fromNumber: string,
): Promise<{ call: Call; created: boolean }> {
  try {
    const call = await deps.prisma.$transaction(async (tx) => {
      const row = await tx.call.create({
        data: {
          userId: agent.userId,
          direction: 'INBOUND',
          status: 'RINGING',
          provider: agent.provider,
          providerCallSid: input.providerCallSid,
          fromNumber,
          toNumber: agent.fromNumber,
          leadId: lead?.id ?? null,
          agentId: agent.id,
        },
      });
      await tx.callLog.create({
        data: {
          callId: row.id,
          event: 'inbound:received',
          details: `from ${fromNumber} to ${agent.fromNumber}`,
          // Without a payload the column stays NULL (read back as null, like a JSON null).
          ...(input.raw === undefined ? {} : { data: input.raw as Prisma.InputJsonValue }),
        },
      });
      if (lead) await tx.lead.update({ where: { id: lead.id }, data: { lastCallAt: row.createdAt } });
      return row;
    });
    return { call, created: true };
  } catch (err) {
    // A redelivery that raced the first delivery: the sid is unique, so the other one holds the call.
    if (isUniqueViolation(err)) {
      const call = await deps.prisma.call.findUnique({ where: { providerCallSid: input.providerCallSid } });
      if (call) return { call, created: false };
    }
    throw err;
  }
}

async function incomingCallEvent(deps: CallStatusDeps, call: Call, agent: Agent, lead: Lead | null): Promise<TIncomingCallEvent> {
  const numberAgent: TSuggestedAgent = { id: agent.id, name: agent.name, reason: { rule: 'number-called', at: null, sentiment: null } };
  const [history, lastSummary, suggestedAgent] = await Promise.all([
    lead ? buildCallHistory(deps.prisma, lead.id, { excludeCallId: call.id }) : [],
    lead ? lastSummaryOf(deps.prisma, lead.id, { excludeCallId: call.id }) : null,
    suggestAgentFor(deps.prisma, { userId: agent.userId, leadId: lead?.id, fallback: numberAgent, excludeCallId: call.id }),
  ]);
  return {
    callId: call.id,
    phoneNumber: call.fromNumber,
    lead: lead ? { id: lead.id, firstName: lead.firstName, lastName: lead.lastName, company: lead.company, status: lead.status } : null,
    history,
    lastSummary,
    suggestedAgent,
  };
}
