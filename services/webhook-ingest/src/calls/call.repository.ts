import { ZAnsweringMachineActionSchema } from '@dialwave/contracts';
import type { Db, VoipProvider } from '@dialwave/db';
import type { VoiceScript } from '../twilio/voice-twiml';

/** The reads webhook-ingest does itself; every status write goes through the domain's applyCallStatusUpdate. */
export class CallRepository {
  constructor(private readonly prisma: Db) {}

  /** For callbacks that reach us without our callId (e.g. a number's default status callback). */
  async findCallIdByProviderSid(providerCallSid: string): Promise<string | undefined> {
    const call = await this.prisma.call.findUnique({ where: { providerCallSid }, select: { id: true } });
    return call?.id;
  }

  /**
   * What the call's agent says (the campaign's agent stands in when the call row has none), and what the
   * campaign does when a machine answers.
   */
  async findVoiceScript(callId: string): Promise<VoiceScript | undefined> {
    const agentFields = { greeting: true, recordCalls: true, voiceRuntimeUrl: true } as const;
    const call = await this.prisma.call.findUnique({
      where: { id: callId },
      select: {
        agent: { select: agentFields },
        campaign: { select: { agent: { select: agentFields }, answeringMachine: true, voicemailMessage: true } },
        lead: { select: { firstName: true, lastName: true } },
      },
    });
    const agent = call?.agent ?? call?.campaign?.agent;
    if (!agent) return undefined;
    const leadName = call?.lead ? [call.lead.firstName, call.lead.lastName].filter(Boolean).join(' ') : '';
    const action = ZAnsweringMachineActionSchema.catch('continue').parse(call?.campaign?.answeringMachine);
    return { ...agent, leadName, answeringMachine: { action, message: call?.campaign?.voicemailMessage ?? null } };
  }

  /** Call ids by carrier sid, for a batch of callbacks that came without our call id. */
  async findCallIdsByProviderSids(providerCallSids: readonly string[]): Promise<Map<string, string>> {
    if (providerCallSids.length === 0) return new Map();
    const calls = await this.prisma.call.findMany({
      where: { providerCallSid: { in: [...new Set(providerCallSids)] } },
      select: { id: true, providerCallSid: true },
    });
    return new Map(calls.map((call) => [call.providerCallSid!, call.id]));
  }

  /** The carrier of each call that exists, for a batch of callbacks. */
  async findProviders(callIds: readonly string[]): Promise<Map<string, VoipProvider>> {
    if (callIds.length === 0) return new Map();
    const calls = await this.prisma.call.findMany({ where: { id: { in: [...new Set(callIds)] } }, select: { id: true, provider: true } });
    return new Map(calls.map((call) => [call.id, call.provider]));
  }

  /** The carrier of the call, or undefined when there is no such call. */
  async findProvider(callId: string): Promise<VoipProvider | undefined> {
    const call = await this.prisma.call.findUnique({ where: { id: callId }, select: { provider: true } });
    return call?.provider;
  }

  async exists(callId: string): Promise<boolean> {
    return (await this.prisma.call.count({ where: { id: callId } })) > 0;
  }
}
