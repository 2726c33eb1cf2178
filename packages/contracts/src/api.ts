import { z } from 'zod';
import { ZAnsweringMachineSchema, ZCampaignScheduleSchema, ZRetryPolicySchema, ZWaitReasonSchema } from './dialing-rules';
import {
  ZApiProviderSchema,
  ZCallDirectionSchema,
  ZCallStatusSchema,
  ZCampaignStatusSchema,
  ZDispositionSchema,
  ZLeadSourceSchema,
  ZLeadStatusSchema,
  ZVoipProviderSchema,
} from './enums';
import { ZCampaignAnalysisStatsSchema } from './call-report';

// ---- errors -------------------------------------------------------------------------------------------
export const ZApiErrorDetailSchema = z.object({ field: z.string(), message: z.string() });
export const ZApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ZApiErrorDetailSchema).optional(),
  }),
});
export type TApiError = z.infer<typeof ZApiErrorSchema>;

// ---- auth ---------------------------------------------------------------------------------------------
export const ZSignupRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  name: z.string().trim().min(1).max(120),
});
export type TSignupRequest = z.infer<typeof ZSignupRequestSchema>;

export const ZLoginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1),
});
export type TLoginRequest = z.infer<typeof ZLoginRequestSchema>;

export const ZUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type TUser = z.infer<typeof ZUserSchema>;

export const ZAuthResponseSchema = z.object({ token: z.string(), user: ZUserSchema });
export type TAuthResponse = z.infer<typeof ZAuthResponseSchema>;

/**
 * Outside development mode `POST /api/auth/signup` answers 202 with this, the same for an email that is new
 * and one that is already registered, so signup does not tell a stranger which emails have accounts. The
 * client then logs in with the password it chose: that works when the account was just created (or was
 * already theirs).
 */
export const ZSignupAcceptedSchema = z.object({ status: z.literal('accepted'), message: z.string() });
export type TSignupAccepted = z.infer<typeof ZSignupAcceptedSchema>;

/** In development mode signup answers 201 with a session (409 for a taken email); otherwise 202 accepted. */
export const ZSignupResponseSchema = z.union([ZAuthResponseSchema, ZSignupAcceptedSchema]);
export type TSignupResponse = z.infer<typeof ZSignupResponseSchema>;

// ---- agents -------------------------------------------------------------------------------------------
const ZE164InputSchema = z.string().trim().min(3).max(32);

/**
 * Where the agent's voice runtime listens for Twilio media streams. Twilio connects only to wss://;
 * campaign-api also accepts ws:// in development mode (DIALWAVE_DEV=1), for a runtime on the same machine.
 */
export const ZVoiceRuntimeUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .url({ message: 'must be a URL', abort: true })
  .refine((url) => /^wss?:\/\//i.test(url), 'must be a wss:// URL');

export const ZCreateAgentRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  provider: ZApiProviderSchema,
  fromNumber: ZE164InputSchema,
  greeting: z.string().trim().min(1).max(1000).optional(),
  recordCalls: z.boolean().optional(),
  callerId: z
    .string()
    .trim()
    .regex(/^\d{4,15}$/, 'must be 4 to 15 digits')
    .optional(),
  voiceRuntimeUrl: ZVoiceRuntimeUrlSchema.optional(),
});
export type TCreateAgentRequest = z.infer<typeof ZCreateAgentRequestSchema>;

export const ZUpdateAgentRequestSchema = ZCreateAgentRequestSchema.partial()
  // null takes the agent off its voice runtime (back to greeting and recording).
  .extend({ voiceRuntimeUrl: ZVoiceRuntimeUrlSchema.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field must be given' });
export type TUpdateAgentRequest = z.infer<typeof ZUpdateAgentRequestSchema>;

export const ZAgentSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: ZVoipProviderSchema,
  fromNumber: z.string(),
  callerId: z.string().nullable(),
  greeting: z.string(),
  recordCalls: z.boolean(),
  voiceRuntimeUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type TAgent = z.infer<typeof ZAgentSchema>;

// ---- leads --------------------------------------------------------------------------------------------
export const ZCreateLeadRequestSchema = z.object({
  firstName: z.string().trim().min(1).max(120),
  lastName: z.string().trim().max(120).optional(),
  phone: z.string().trim().min(3).max(32),
  email: z.string().trim().email().max(254).optional(),
  company: z.string().trim().max(200).optional(),
  timezone: z.string().trim().max(64).optional(),
});
export type TCreateLeadRequest = z.infer<typeof ZCreateLeadRequestSchema>;

/** CSV header row of `POST /api/leads/import`. */
export const LEAD_CSV_COLUMNS = ['firstName', 'lastName', 'phone', 'email', 'company', 'timezone'] as const;

export const ZLeadSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string().nullable(),
  phone: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  timezone: z.string().nullable(),
  status: ZLeadStatusSchema,
  source: ZLeadSourceSchema,
  lastCallAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TLead = z.infer<typeof ZLeadSchema>;

export const ZLeadImportRowErrorSchema = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const ZLeadImportResultSchema = z.object({
  created: z.number().int(),
  duplicates: z.number().int(),
  /** The first 100 row errors, in file order. */
  invalid: z.array(ZLeadImportRowErrorSchema),
  /** Every row error, including those beyond the first 100. */
  invalidCount: z.number().int(),
});
export type TLeadImportResult = z.infer<typeof ZLeadImportResultSchema>;

// ---- pagination ---------------------------------------------------------------------------------------
export const ZPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
export type TPageQuery = z.infer<typeof ZPageQuerySchema>;

export function ZPageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface TPage<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- campaigns ----------------------------------------------------------------------------------------
export const ZCreateCampaignRequestSchema = z
  .object({
    agentId: z.string().uuid(),
    campaignName: z.string().trim().min(1).max(200),
    leadIds: z.array(z.string().uuid()).min(1, 'must contain at least one lead').max(100_000).optional(),
    allLeads: z.literal(true).optional(),
    maxConcurrentCalls: z.number().int().min(1).max(100).optional(),
    /** When and in which hours to dial; omitted: now, in the deployment's DEFAULT_CALLING_WINDOWS. */
    schedule: ZCampaignScheduleSchema.optional(),
    /** Omitted: one attempt per lead. */
    retry: ZRetryPolicySchema.optional(),
    /** Omitted: `continue` (machines are detected and counted as voicemail; the call plays on). */
    answeringMachine: ZAnsweringMachineSchema.optional(),
  })
  .refine((body) => (body.leadIds === undefined) !== (body.allLeads === undefined), {
    message: 'give either leadIds or allLeads: true',
    path: ['leadIds'],
  });
export type TCreateCampaignRequest = z.infer<typeof ZCreateCampaignRequestSchema>;

export const ZCreateCampaignResponseSchema = z.object({
  campaignId: z.string(),
  status: ZCampaignStatusSchema,
  totalLeads: z.number().int(),
});
export type TCreateCampaignResponse = z.infer<typeof ZCreateCampaignResponseSchema>;

export const ZCampaignStatsSchema = z.object({
  totalLeads: z.number().int(),
  completedLeads: z.number().int(),
  successfulCalls: z.number().int(),
  failedCalls: z.number().int(),
  missedCalls: z.number().int(),
  /** Final calls answered by a machine: apart from successfulCalls. */
  voicemailCalls: z.number().int(),
  averageDuration: z.number(),
  successRate: z.number(),
  activeCalls: z.number().int(),
  analysis: ZCampaignAnalysisStatsSchema,
  /** PENDING leads outside their calling hours or at the per-number daily cap. */
  waitingLeads: z.number().int(),
  /** PENDING leads whose call ended in a retry outcome, waiting for their next attempt. */
  retryPendingLeads: z.number().int(),
  /** Leads skipped just before their dial (do-not-call). */
  skippedLeads: z.number().int(),
  /** When the next waiting or retrying lead becomes callable (null when none waits). */
  nextDialAt: z.string().nullable(),
  /** The zone of that lead's calling hours, when it waits for a window (e.g. Asia/Kolkata). */
  nextDialZone: z.string().nullable(),
});
export type TCampaignStats = z.infer<typeof ZCampaignStatsSchema>;

export const ZCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  agentId: z.string(),
  status: ZCampaignStatusSchema,
  maxConcurrentCalls: z.number().int(),
  totalLeads: z.number().int(),
  completedLeads: z.number().int(),
  successfulCalls: z.number().int(),
  failedCalls: z.number().int(),
  missedCalls: z.number().int(),
  voicemailCalls: z.number().int(),
  skippedLeads: z.number().int(),
  totalTalkSeconds: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** The settings it dials by (windows already resolved against the deployment default; null = any hour). */
  schedule: z.object({ startAt: z.string().nullable(), timezone: z.string().nullable(), windows: z.array(z.unknown()).nullable() }),
  retry: z.object({ maxAttempts: z.number().int(), delaySeconds: z.number().int(), on: z.array(z.string()) }),
  answeringMachine: z.object({ action: z.string(), message: z.string().nullable() }),
});
export type TCampaign = z.infer<typeof ZCampaignSchema>;
export type TCampaignWithStats = TCampaign & { stats: TCampaignStats };
/** `GET /api/campaigns/:id` and the answers of pause, resume and cancel. */
export const ZCampaignWithStatsSchema = ZCampaignSchema.extend({ stats: ZCampaignStatsSchema });

// ---- calls --------------------------------------------------------------------------------------------
export const ZCallSchema = z.object({
  id: z.string(),
  direction: ZCallDirectionSchema,
  status: ZCallStatusSchema,
  provider: ZVoipProviderSchema,
  providerCallSid: z.string().nullable(),
  fromNumber: z.string(),
  toNumber: z.string(),
  campaignId: z.string().nullable(),
  leadId: z.string().nullable(),
  agentId: z.string().nullable(),
  attempt: z.number().int(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  failureReason: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  disposition: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type TCall = z.infer<typeof ZCallSchema>;

export const ZCallLogSchema = z.object({
  id: z.string(),
  callId: z.string(),
  campaignId: z.string().nullable(),
  event: z.string(),
  timestamp: z.string(),
  details: z.string().nullable(),
  data: z.unknown().nullable(),
});
export type TCallLog = z.infer<typeof ZCallLogSchema>;

export const ZAcceptCallRequestSchema = z.object({ agentId: z.string().uuid().optional() });
export const ZRejectCallRequestSchema = z.object({ reason: z.string().trim().max(500).optional() });
export const ZDispositionRequestSchema = z.object({
  disposition: ZDispositionSchema,
  notes: z.string().trim().max(2000).optional(),
});
export type TDispositionRequest = z.infer<typeof ZDispositionRequestSchema>;

// ---- do-not-call list -----------------------------------------------------------------------------------
export const ZDncAddRequestSchema = z.object({ phone: z.string().trim().min(3).max(32) });
export type TDncAddRequest = z.infer<typeof ZDncAddRequestSchema>;

export const ZDncEntrySchema = z.object({
  phone: z.string(),
  source: z.enum(['API', 'IMPORT', 'DISPOSITION']),
  createdAt: z.string(),
});
export type TDncEntry = z.infer<typeof ZDncEntrySchema>;

/** `POST /api/dnc/import`: a CSV with a `phone` column (other columns are ignored). */
export const ZDncImportResultSchema = z.object({
  added: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  /** Row errors beyond the first 100 are counted, not listed. */
  invalidCount: z.number().int(),
});
export type TDncImportResult = z.infer<typeof ZDncImportResultSchema>;

export const ZLeadStatusFilterSchema = ZLeadStatusSchema;
export { ZWaitReasonSchema };

// ---- operations -----------------------------------------------------------------------------------------
/** `GET /healthz`: the process answers. */
export const ZHealthResponseSchema = z.object({ status: z.literal('ok') });
/** `GET /readyz`: 200 `ready` when Redis and Postgres answer, else 503 `not ready` (the reason goes to the log). */
export const ZReadinessResponseSchema = z.object({ status: z.enum(['ready', 'not ready']) });
