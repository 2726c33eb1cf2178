import type { TAgent, TApiProvider, TCreateAgentRequest, TUpdateAgentRequest, TVoipProvider } from '@dialwave/contracts';
import { isForeignKeyViolation, type Db } from '@dialwave/db';
import { AppError } from '@dialwave/platform';
import type { CallerNumberVerifier } from '@dialwave/providers';
import type { CountryCode } from 'libphonenumber-js';
import { normalisePhone } from '../leads/phone';
import { AgentRepository } from './agent.repository';
import { serialiseAgent } from './agent.serializer';
import { asFromNumberTaken, assertCallerNumberOwned } from './caller-number-policy';
import { assertProviderAllowed } from './provider-policy';

export class AgentService {
  private readonly agents: AgentRepository;

  constructor(
    prisma: Db,
    private readonly phoneRegion: CountryCode,
    /** Asks the Twilio account whether a Twilio agent's number is its own. */
    private readonly twilioNumbers: CallerNumberVerifier,
    /**
     * DIALWAVE_DEV: only then may an agent use the `simulator` provider, or a voice runtime on plain ws://
     * (a runtime on a developer's machine).
     */
    private readonly developmentMode = false,
  ) {
    this.agents = new AgentRepository(prisma);
  }

  async create(userId: string, input: TCreateAgentRequest): Promise<TAgent> {
    assertProviderAllowed(input.provider, this.developmentMode);
    const provider = toStoredProvider(input.provider);
    const fromNumber = this.fromNumber(input.fromNumber);
    const voiceRuntimeUrl = this.voiceRuntimeUrl(input.voiceRuntimeUrl);
    await assertCallerNumberOwned(this.twilioNumbers, provider, fromNumber);
    try {
      const agent = await this.agents.create(userId, {
        name: input.name,
        provider,
        fromNumber,
        greeting: input.greeting,
        recordCalls: input.recordCalls,
        callerId: input.callerId,
        voiceRuntimeUrl,
      });
      return serialiseAgent(agent);
    } catch (err) {
      throw asFromNumberTaken(err, fromNumber);
    }
  }

  async list(userId: string): Promise<TAgent[]> {
    return (await this.agents.list(userId)).map(serialiseAgent);
  }

  async get(userId: string, id: string): Promise<TAgent> {
    const agent = await this.agents.find(userId, id);
    if (!agent) throw AppError.notFound('Agent');
    return serialiseAgent(agent);
  }

  async update(userId: string, id: string, input: TUpdateAgentRequest): Promise<TAgent> {
    assertProviderAllowed(input.provider, this.developmentMode);
    const provider = input.provider && toStoredProvider(input.provider);
    const fromNumber = input.fromNumber === undefined ? undefined : this.fromNumber(input.fromNumber);
    const voiceRuntimeUrl = this.voiceRuntimeUrl(input.voiceRuntimeUrl);
    const current = await this.agents.find(userId, id);
    if (!current) throw AppError.notFound('Agent');
    // The account is asked again whenever the number a Twilio agent calls from may have changed: a new
    // number, or an agent that becomes a Twilio agent.
    if (fromNumber !== undefined || (provider !== undefined && provider !== current.provider)) {
      await assertCallerNumberOwned(this.twilioNumbers, provider ?? current.provider, fromNumber ?? current.fromNumber);
    }
    let agent;
    try {
      agent = await this.agents.update(userId, id, {
        name: input.name,
        provider,
        fromNumber,
        greeting: input.greeting,
        recordCalls: input.recordCalls,
        callerId: input.callerId,
        voiceRuntimeUrl,
      });
    } catch (err) {
      throw asFromNumberTaken(err, fromNumber);
    }
    if (!agent) throw AppError.notFound('Agent');
    return serialiseAgent(agent);
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.agents.find(userId, id))) throw AppError.notFound('Agent');
    if ((await this.agents.countCampaigns(userId, id)) > 0) throw agentInUse();
    try {
      await this.agents.delete(userId, id);
    } catch (err) {
      // A campaign created between the check and the delete: the foreign key (onDelete: Restrict) decides.
      if (isForeignKeyViolation(err)) throw agentInUse();
      throw err;
    }
  }

  /** Twilio streams only to wss://, so plain ws:// would fail every call outside a developer's machine. */
  private voiceRuntimeUrl<T extends string | null | undefined>(url: T): T {
    if (url && !this.developmentMode && new URL(url).protocol !== 'wss:') {
      throw new AppError('VALIDATION_FAILED', 'Invalid body: voiceRuntimeUrl must be a wss:// URL', [
        { field: 'voiceRuntimeUrl', message: 'must be a wss:// URL (ws:// is accepted only in development mode, DIALWAVE_DEV=1)' },
      ]);
    }
    return url;
  }

  private fromNumber(input: string): string {
    const e164 = normalisePhone(input, this.phoneRegion);
    if (!e164) {
      throw new AppError('VALIDATION_FAILED', 'Invalid body: fromNumber is not a valid phone number', [
        { field: 'fromNumber', message: 'not a valid phone number' },
      ]);
    }
    return e164;
  }
}

function toStoredProvider(provider: TApiProvider): TVoipProvider {
  return provider.toUpperCase() as TVoipProvider;
}

function agentInUse(): AppError {
  return new AppError('CONFLICT', 'Agent is used by a campaign and cannot be deleted');
}
