import { z } from 'zod';
import { ZSentimentSchema, ZSentimentSourceSchema } from './call-report';
import { ZCallStatusSchema, ZCampaignStatusSchema } from './enums';
import type { EVENT_NAMES, SESSION_EXPIRED_EVENT } from './names';
import type { TTraceContext } from './trace-context';

export const ZCampaignEventSchema = z.object({
  campaignId: z.string(),
  status: ZCampaignStatusSchema,
  totalLeads: z.number().int(),
  completedLeads: z.number().int(),
  successfulCalls: z.number().int(),
  failedCalls: z.number().int(),
  missedCalls: z.number().int(),
  voicemailCalls: z.number().int(),
  skippedLeads: z.number().int(),
  at: z.string(),
});
export type TCampaignEvent = z.infer<typeof ZCampaignEventSchema>;

export const ZCallInitiatedEventSchema = z.object({
  callId: z.string(),
  campaignId: z.string().nullable(),
  leadName: z.string(),
  phone: z.string(),
  status: ZCallStatusSchema,
  at: z.string(),
});
export type TCallInitiatedEvent = z.infer<typeof ZCallInitiatedEventSchema>;

export const ZCallStatusEventSchema = z.object({
  callId: z.string(),
  campaignId: z.string().nullable(),
  leadName: z.string(),
  phone: z.string(),
  status: ZCallStatusSchema,
  durationSeconds: z.number().int().nullable(),
  /** Twilio's AnsweredBy once known (human, machine_start, machine_end_beep …), so consoles can tell a voicemail. */
  answeredBy: z.string().nullable().optional(),
  at: z.string(),
});
export type TCallStatusEvent = z.infer<typeof ZCallStatusEventSchema>;

export const ZCallHistoryEntrySchema = z.object({
  callId: z.string(),
  at: z.string(),
  direction: z.string(),
  status: ZCallStatusSchema,
  durationSeconds: z.number().int().nullable(),
  disposition: z.string().nullable(),
  /** The sentiment of the call's report; null when the call has none (not answered, or not analysed). */
  sentiment: ZSentimentSchema.nullable(),
});

/** Why an agent is suggested for a caller, so the console can say so ("last spoke on 12 Nov, positive"). */
export const ZSuggestionReasonSchema = z.object({
  /**
   * `positive-conversation`: this agent's most recent call with the caller was answered and positive;
   * `last-conversation`: this agent last really talked with the caller; with nothing better known,
   * `number-called`: the agent whose number the caller dialled, or `last-call`: the agent of the lead's
   * latest call (a lookup by phone, with no call ringing).
   */
  rule: z.enum(['positive-conversation', 'last-conversation', 'number-called', 'last-call']),
  /** When the call the rule is based on took place. */
  at: z.string().nullable(),
  sentiment: ZSentimentSchema.nullable(),
});
export type TSuggestionReason = z.infer<typeof ZSuggestionReasonSchema>;

export const ZSuggestedAgentSchema = z.object({ id: z.string(), name: z.string(), reason: ZSuggestionReasonSchema.optional() });

/** The newest summary among a lead's analysed calls. */
export const ZLastSummarySchema = z.object({ callId: z.string(), at: z.string(), summary: z.string() });

export const ZIncomingCallEventSchema = z.object({
  callId: z.string(),
  phoneNumber: z.string(),
  lead: z
    .object({ id: z.string(), firstName: z.string(), lastName: z.string().nullable(), company: z.string().nullable(), status: z.string() })
    .nullable(),
  history: z.array(ZCallHistoryEntrySchema),
  lastSummary: ZLastSummarySchema.nullable(),
  suggestedAgent: ZSuggestedAgentSchema.nullable(),
});
export type TIncomingCallEvent = z.infer<typeof ZIncomingCallEventSchema>;

/** A call's end-of-call report was stored (or replaced): the console shows "analysed: positive". */
export const ZCallAnalyzedEventSchema = z.object({
  callId: z.string(),
  campaignId: z.string().nullable(),
  leadId: z.string().nullable(),
  leadName: z.string(),
  phone: z.string(),
  sentiment: ZSentimentSchema,
  sentimentSource: ZSentimentSourceSchema,
  successful: z.boolean().nullable(),
  summary: z.string().nullable(),
  replaced: z.boolean(),
  at: z.string(),
});
export type TCallAnalyzedEvent = z.infer<typeof ZCallAnalyzedEventSchema>;

/** The socket.io event map shared by the realtime gateway and the console. */
export interface ServerToClientEvents {
  [EVENT_NAMES.campaignStarted]: (payload: TCampaignEvent) => void;
  [EVENT_NAMES.campaignProgress]: (payload: TCampaignEvent) => void;
  [EVENT_NAMES.campaignPaused]: (payload: TCampaignEvent) => void;
  [EVENT_NAMES.campaignResumed]: (payload: TCampaignEvent) => void;
  [EVENT_NAMES.campaignCanceled]: (payload: TCampaignEvent) => void;
  [EVENT_NAMES.campaignCompleted]: (payload: TCampaignEvent) => void;
  [EVENT_NAMES.callInitiated]: (payload: TCallInitiatedEvent) => void;
  [EVENT_NAMES.callStatusUpdated]: (payload: TCallStatusEvent) => void;
  [EVENT_NAMES.incomingCall]: (payload: TIncomingCallEvent) => void;
  [EVENT_NAMES.callAnalyzed]: (payload: TCallAnalyzedEvent) => void;
}
export type TEventName = keyof ServerToClientEvents;

/**
 * Sent by the realtime gateway itself (never through Redis) just before it disconnects a socket whose
 * token has expired: the console then signs out instead of reconnecting with a dead token.
 */
export const ZSessionExpiredEventSchema = z.object({ reason: z.literal('token-expired'), at: z.string() });
export type TSessionExpiredEvent = z.infer<typeof ZSessionExpiredEventSchema>;

/** Everything a console socket receives: the users' events plus the gateway's own session notice. */
export interface GatewayToClientEvents extends ServerToClientEvents {
  [SESSION_EXPIRED_EVENT]: (payload: TSessionExpiredEvent) => void;
}

/** The `connect_error` message of a handshake whose token is missing, forged, expired or without exp. */
export const SOCKET_UNAUTHORIZED = 'unauthorized';

/**
 * What travels on the Redis channel `events:user:<userId>`; `trace` carries the publisher's trace (when it
 * was tracing) on to the gateway's emit.
 */
export type TUserEventMessage = {
  [K in TEventName]: { type: K; payload: Parameters<ServerToClientEvents[K]>[0]; trace?: TTraceContext };
}[TEventName];
