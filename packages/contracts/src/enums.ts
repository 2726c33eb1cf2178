import { z } from 'zod';

export const ZCallStatusSchema = z.enum([
  'INITIATED',
  'DIALING',
  'RINGING',
  'ANSWERED',
  'COMPLETED',
  'BUSY',
  'MISSED',
  'FAILED',
  'CANCELED',
]);
export type TCallStatus = z.infer<typeof ZCallStatusSchema>;

export const TERMINAL_CALL_STATUSES = ['COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED'] as const satisfies readonly TCallStatus[];

export const ZCampaignStatusSchema = z.enum(['PENDING', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELED', 'FAILED']);
export type TCampaignStatus = z.infer<typeof ZCampaignStatusSchema>;

export const ZCampaignLeadStateSchema = z.enum(['PENDING', 'QUEUED', 'IN_PROGRESS', 'DONE', 'SKIPPED']);
export type TCampaignLeadState = z.infer<typeof ZCampaignLeadStateSchema>;

export const ZCallDirectionSchema = z.enum(['OUTBOUND', 'INBOUND']);
export type TCallDirection = z.infer<typeof ZCallDirectionSchema>;

/** Provider names as stored (upper case) and as the REST API speaks them (lower case). */
export const ZVoipProviderSchema = z.enum(['TWILIO', 'SANSPBX', 'SIMULATOR']);
export type TVoipProvider = z.infer<typeof ZVoipProviderSchema>;
export const ZApiProviderSchema = z.enum(['twilio', 'sanspbx', 'simulator']);
export type TApiProvider = z.infer<typeof ZApiProviderSchema>;

export const ZLeadSourceSchema = z.enum(['IMPORT', 'API', 'INBOUND']);
export type TLeadSource = z.infer<typeof ZLeadSourceSchema>;

export const ZLeadStatusSchema = z.enum(['NEW', 'CONTACTED', 'VOICEMAIL', 'NO_ANSWER', 'BAD_NUMBER', 'DO_NOT_CALL']);
export type TLeadStatus = z.infer<typeof ZLeadStatusSchema>;

export const ZDispositionSchema = z.enum([
  'INTERESTED',
  'NOT_INTERESTED',
  'CALLBACK_REQUESTED',
  'WRONG_NUMBER',
  'VOICEMAIL',
  'DO_NOT_CALL',
]);
export type TDisposition = z.infer<typeof ZDispositionSchema>;
