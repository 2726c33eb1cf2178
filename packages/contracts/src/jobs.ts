import { z } from 'zod';

/** One job per lead attempt. Versioned so that the next release's worker can still read it. */
export const ZDialJobSchema = z.object({
  v: z.literal(1),
  campaignId: z.string().uuid(),
  leadId: z.string().uuid(),
  attempt: z.number().int().positive(),
});
export type TDialJob = z.infer<typeof ZDialJobSchema>;

export const ZSweepJobSchema = z.object({ v: z.literal(1) });
export type TSweepJob = z.infer<typeof ZSweepJobSchema>;

/** Starts a SCHEDULED campaign at its startAt (a delayed job the sweep adds). */
export const ZStartCampaignJobSchema = z.object({ v: z.literal(1), campaignId: z.string().uuid() });
export type TStartCampaignJob = z.infer<typeof ZStartCampaignJobSchema>;

export type TMaintenanceJob = TSweepJob | TStartCampaignJob;

/**
 * Published on callEndedChannel(callId) when a call reaches a terminal status, after the commit. A terminal
 * status never changes, so the waiting dial job takes the final status from here, without reading it back.
 */
export const ZCallEndedMessageSchema = z.object({
  callId: z.string(),
  status: z.string(),
  failureReason: z.string().nullable().optional(),
  /** The carrier's CallDuration as stored (absent from publishers of an earlier release). */
  durationSeconds: z.number().int().nullable().optional(),
});
export type TCallEndedMessage = z.infer<typeof ZCallEndedMessageSchema>;
