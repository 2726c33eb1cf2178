import { z } from 'zod';
import { ZCallStatusSchema, ZCampaignStatusSchema } from './enums';
import { EVENT_NAMES, SESSION_EXPIRED_EVENT } from './names';

export const ZCampaignEventSchema = z.object({
  campaignId: z.string(),
  status: ZCampaignStatusSchema,
  totalLeads: z.number().int(),
  completedLeads: z.number().int(),
  successfulCalls: z.number().int(),
  failedCalls: z.number().int(),
  missedCalls: z.number().int(),
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
});
export const ZIncomingCallEventSchema = z.object({
  callId: z.string(),
  phoneNumber: z.string(),
  lead: z
    .object({ id: z.string(), firstName: z.string(), lastName: z.string().nullable(), company: z.string().nullable(), status: z.string() })
    .nullable(),
  history: z.array(ZCallHistoryEntrySchema),
  suggestedAgent: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type TIncomingCallEvent = z.infer<typeof ZIncomingCallEventSchema>;

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

/** What travels on the Redis channel `events:user:<userId>`. */
export type TUserEventMessage = {
  [K in TEventName]: { type: K; payload: Parameters<ServerToClientEvents[K]>[0] };
}[TEventName];
