import type { Logger } from 'pino';
import type { z } from 'zod';
import type { TCall, ZAcceptCallRequestSchema, ZRejectCallRequestSchema } from '@dialwave/contracts';
import type { Call, Db } from '@dialwave/db';
import { applyCallStatusUpdate, isTerminalCallStatus, type EventPublisher } from '@dialwave/domain';
import { AppError } from '@dialwave/platform';
import type { CallProviderRegistry } from '@dialwave/providers';
import { serialiseCall } from './call.serializer';
import { InboundCallRepository } from './inbound-call.repository';

type TAcceptCallRequest = z.infer<typeof ZAcceptCallRequestSchema>;
type TRejectCallRequest = z.infer<typeof ZRejectCallRequestSchema>;

export interface InboundCallServiceDeps {
  prisma: Db;
  events: EventPublisher;
  logger: Logger;
  providers: CallProviderRegistry;
  /** PUBLIC_WEBHOOK_URL of webhook-ingest, without a trailing slash: where recording callbacks go. */
  publicWebhookUrl: string;
}

/**
 * An agent answers or turns away a caller waiting in our queue. The carrier does the connecting and the
 * hanging up; the call's end still arrives, as always, through its status callback.
 */
export class InboundCallService {
  private readonly calls: InboundCallRepository;

  constructor(private readonly deps: InboundCallServiceDeps) {
    this.calls = new InboundCallRepository(deps.prisma);
  }

  async accept(userId: string, callId: string, input: TAcceptCallRequest): Promise<TCall> {
    const call = await this.liveInboundCall(userId, callId, 'accepted');
    const agentId = input.agentId ?? call.agentId;
    const agent = agentId ? await this.calls.findAgent(userId, agentId) : null;
    if (!agent) throw AppError.notFound('Agent');
    const log = this.deps.logger.child({ callId, agentId: agent.id, userId });

    const claim = await this.calls.claimAcceptance(call, agent, (status) => !isTerminalCallStatus(status));
    if (claim === 'ended') throw new AppError('INVALID_TRANSITION', 'The call has already ended');
    if (claim === 'already-accepted') throw new AppError('INVALID_TRANSITION', 'The call was already accepted');
    if (claim === 'already-rejected') throw new AppError('INVALID_TRANSITION', 'The call was rejected');

    const provider = this.deps.providers.forProvider(call.provider);
    const sid = call.providerCallSid!;
    try {
      await provider.connectToAgent(sid, { id: agent.id, name: agent.name });
    } catch (err) {
      const message = providerMessage(err);
      log.warn({ err }, 'the carrier refused to connect the caller');
      await this.calls.releaseAcceptance(call, message);
      throw new AppError('PROVIDER_ERROR', `The carrier refused to connect the call: ${message}`);
    }
    log.info('inbound call accepted');
    await applyCallStatusUpdate(this.deps, {
      callId,
      status: 'ANSWERED',
      event: 'inbound:answered',
      details: `connected to ${agent.name}`,
      raw: { agentId: agent.id },
    });

    if (agent.recordCalls) await this.startRecording(call, sid, log);
    return serialiseCall(await this.calls.findCallOrThrow(callId));
  }

  async reject(userId: string, callId: string, input: TRejectCallRequest): Promise<TCall> {
    const call = await this.liveInboundCall(userId, callId, 'rejected');
    await this.calls.recordRejection(call, input.reason);
    try {
      await this.deps.providers.forProvider(call.provider).hangUp(call.providerCallSid!);
    } catch (err) {
      this.deps.logger.warn({ err, callId }, 'the carrier refused to hang up a rejected call');
      throw new AppError('PROVIDER_ERROR', `The carrier refused to end the call: ${providerMessage(err)}`);
    }
    this.deps.logger.info({ callId, userId, reason: input.reason }, 'inbound call rejected');
    return serialiseCall(await this.calls.findCallOrThrow(callId));
  }

  /**
   * A recording that fails to start does not undo the accept: the caller is already talking to the agent,
   * so it is logged on the call (and in our logs) instead of failing the request.
   */
  private async startRecording(call: Call, sid: string, log: Logger): Promise<void> {
    const callbackUrl = `${this.deps.publicWebhookUrl}/twilio/recording?${new URLSearchParams({ callId: call.id }).toString()}`;
    try {
      await this.deps.providers.forProvider(call.provider).startRecording(sid, callbackUrl);
      await this.calls.logEvent(call, 'recording:started', callbackUrl);
    } catch (err) {
      log.warn({ err }, 'could not start recording an accepted call');
      await this.calls.logEvent(call, 'recording:start-failed', providerMessage(err));
    }
  }

  private async liveInboundCall(userId: string, callId: string, verb: string): Promise<Call> {
    const call = await this.calls.findCall(userId, callId);
    if (!call) throw AppError.notFound('Call');
    if (call.direction !== 'INBOUND') throw new AppError('INVALID_TRANSITION', `Only inbound calls can be ${verb}`);
    if (isTerminalCallStatus(call.status)) throw new AppError('INVALID_TRANSITION', 'The call has already ended');
    if (!call.providerCallSid) throw new AppError('INVALID_TRANSITION', 'The carrier has not identified the call yet');
    return call;
  }
}

function providerMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
