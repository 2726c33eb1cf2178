import {
  ZCampaignScheduleSchema,
  ZAnsweringMachineSchema,
  ZRetryPolicySchema,
  type TAnsweringMachineAction,
  type TCallingWindow,
  type TCreateCampaignRequest,
  type TRetryableOutcome,
} from '@dialwave/contracts';

/** What the New campaign form holds for when and how leads are dialed. */
export interface DialingSettingsForm {
  /** `datetime-local` value in the browser's zone; empty: start now. */
  startAt: string;
  /** Zone for leads whose own zone is unknown (IANA). */
  timezone: string;
  /** Off: the deployment's default calling hours apply (none on a deployment without DEFAULT_CALLING_WINDOWS). */
  windowsEnabled: boolean;
  windows: TCallingWindow[];
  retryMaxAttempts: number;
  retryDelayMinutes: number;
  retryOn: TRetryableOutcome[];
  answeringMachine: TAnsweringMachineAction;
  voicemailMessage: string;
}

export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/**
 * Every day 09:00–20:00 in each lead's own zone: inside both the US rule (8 am–9 pm, 47 CFR 64.1200(c)(1))
 * and India's (9 am–9 pm), one attempt, machines counted as voicemail.
 */
export function defaultDialingSettings(browserZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): DialingSettingsForm {
  return {
    startAt: '',
    timezone: browserZone,
    windowsEnabled: true,
    windows: [{ days: [...EVERY_DAY], start: '09:00', end: '20:00' }],
    retryMaxAttempts: 1,
    retryDelayMinutes: 60,
    retryOn: ['BUSY', 'MISSED'],
    answeringMachine: 'continue',
    voicemailMessage: '',
  };
}

export type CampaignDialingFields = Pick<TCreateCampaignRequest, 'schedule' | 'retry' | 'answeringMachine'>;

/**
 * The request fields for the form, checked with the API's own schemas: either the fields or the problems
 * (field: message), so the form can say what is wrong before the API does.
 */
export function toDialingFields(
  form: DialingSettingsForm,
): { fields: CampaignDialingFields; problems: string[] } | { fields?: undefined; problems: string[] } {
  const problems: string[] = [];
  const startAt = form.startAt ? new Date(form.startAt) : undefined;
  if (startAt && Number.isNaN(startAt.getTime())) problems.push('start: not a date and time');
  const schedule = ZCampaignScheduleSchema.safeParse({
    ...(startAt && !Number.isNaN(startAt.getTime()) ? { startAt: startAt.toISOString() } : {}),
    ...(form.timezone ? { timezone: form.timezone } : {}),
    ...(form.windowsEnabled ? { windows: form.windows } : {}),
  });
  if (!schedule.success)
    problems.push(...schedule.error.issues.map((issue) => `${['schedule', ...issue.path].join('.')}: ${issue.message}`));
  const retry = ZRetryPolicySchema.safeParse({
    maxAttempts: form.retryMaxAttempts,
    delaySeconds: Math.round(form.retryDelayMinutes * 60),
    on: form.retryOn,
  });
  if (!retry.success) problems.push(...retry.error.issues.map((issue) => `${['retry', ...issue.path].join('.')}: ${issue.message}`));
  const answeringMachine = ZAnsweringMachineSchema.safeParse({
    action: form.answeringMachine,
    ...(form.answeringMachine === 'voicemail' && form.voicemailMessage.trim() ? { message: form.voicemailMessage.trim() } : {}),
  });
  if (!answeringMachine.success)
    problems.push(...answeringMachine.error.issues.map((issue) => `${['answeringMachine', ...issue.path].join('.')}: ${issue.message}`));
  if (!schedule.success || !retry.success || !answeringMachine.success || problems.length > 0) return { problems };
  return { fields: { schedule: schedule.data, retry: retry.data, answeringMachine: answeringMachine.data }, problems };
}
