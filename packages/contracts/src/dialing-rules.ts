import { z } from 'zod';

/*
 * The campaign settings that decide when and how often a lead is dialed: calling windows, scheduled start,
 * retries and what to do when a machine answers. The API, the console and the dialer share these shapes.
 */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time of day as minutes after midnight, from "HH:MM". */
export function minutesOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * One calling window in the lead's local time: ISO weekdays (1 = Monday … 7 = Sunday) and a start and end
 * on the same day (a window never crosses midnight; give two windows for a night shift).
 */
export const ZCallingWindowSchema = z
  .object({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'must name at least one ISO weekday (1 = Monday … 7 = Sunday)')
      .max(7)
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    start: z.string().regex(HH_MM, 'must be HH:MM (24-hour)'),
    end: z.string().regex(HH_MM, 'must be HH:MM (24-hour)'),
  })
  .refine((window) => minutesOfDay(window.end) - minutesOfDay(window.start) >= 2, {
    message: 'end must be at least two minutes after start on the same day (no dial starts in a window’s last minute)',
    path: ['end'],
  });
export type TCallingWindow = z.infer<typeof ZCallingWindowSchema>;

export const ZCallingWindowsSchema = z.array(ZCallingWindowSchema).min(1).max(50);

/** True when Intl knows the zone (IANA names such as `America/New_York`, and `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZoneSchema = z.string().trim().min(1).max(64).refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Kolkata');

export const ZCampaignScheduleSchema = z.object({
  /** ISO 8601 instant; in the future → the campaign is SCHEDULED until then. */
  startAt: z.string().datetime({ offset: true }).optional(),
  /** Zone for leads whose own zone is unknown (no `timezone` field, nothing derived from the number). */
  timezone: ZTimeZoneSchema.optional(),
  /** Omitted: the deployment's DEFAULT_CALLING_WINDOWS (unset there = no restriction). */
  windows: ZCallingWindowsSchema.optional(),
});
export type TCampaignSchedule = z.infer<typeof ZCampaignScheduleSchema>;

export const RETRYABLE_OUTCOMES = ['BUSY', 'MISSED', 'FAILED'] as const;
export const ZRetryableOutcomeSchema = z.enum(RETRYABLE_OUTCOMES);
export type TRetryableOutcome = z.infer<typeof ZRetryableOutcomeSchema>;

export const RETRY_DEFAULTS = { maxAttempts: 1, delaySeconds: 3600, on: ['BUSY', 'MISSED'] as TRetryableOutcome[] };

export const ZRetryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(10).default(RETRY_DEFAULTS.maxAttempts),
  delaySeconds: z.number().int().min(1).max(604_800).default(RETRY_DEFAULTS.delaySeconds),
  on: z
    .array(ZRetryableOutcomeSchema)
    .max(3)
    .default(RETRY_DEFAULTS.on)
    .transform((on) => [...new Set(on)]),
});
export type TRetryPolicy = z.infer<typeof ZRetryPolicySchema>;

export const ANSWERING_MACHINE_ACTIONS = ['continue', 'hangup', 'voicemail'] as const;
export const ZAnsweringMachineActionSchema = z.enum(ANSWERING_MACHINE_ACTIONS);
export type TAnsweringMachineAction = z.infer<typeof ZAnsweringMachineActionSchema>;

export const ZAnsweringMachineSchema = z
  .object({
    action: ZAnsweringMachineActionSchema.default('continue'),
    /** What the voicemail says after the beep (action `voicemail`). */
    message: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((amd) => amd.action !== 'voicemail' || amd.message !== undefined, {
    message: 'is required when action is voicemail',
    path: ['message'],
  });
export type TAnsweringMachine = z.infer<typeof ZAnsweringMachineSchema>;

/** Why a PENDING lead waits, or why it was skipped. */
export const ZWaitReasonSchema = z.enum(['window', 'daily_cap', 'retry', 'dnc']);
export type TWaitReason = z.infer<typeof ZWaitReasonSchema>;

/**
 * Reads the deployment setting DEFAULT_CALLING_WINDOWS: windows separated by `;`, each `<days> <start>-<end>`
 * where days are ISO weekdays as a range or list (`1-5`, `6,7`, `1-7`). Example: `1-5 09:00-20:00; 6 10:00-14:00`.
 * Throws an Error naming the part it cannot read.
 */
export function parseCallingWindowsSpec(spec: string): TCallingWindow[] {
  const parts = spec
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error('names no window');
  return parts.map((part) => {
    const match = /^([\d,\s-]+?)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(part);
    if (!match) throw new Error(`"${part}" is not "<days> HH:MM-HH:MM", e.g. "1-7 09:00-20:00"`);
    const days = match[1]!.split(',').flatMap((token) => {
      const [from, to = from] = token
        .trim()
        .split('-')
        .map((d) => Number(d.trim()));
      if (!Number.isInteger(from) || !Number.isInteger(to) || from! > to!)
        throw new Error(`"${token.trim()}" in "${part}" is not a day range`);
      return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
    });
    const parsed = ZCallingWindowSchema.safeParse({ days, start: match[2], end: match[3] });
    if (!parsed.success)
      throw new Error(`"${part}": ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    return parsed.data;
  });
}
