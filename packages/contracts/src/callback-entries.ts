import { z } from 'zod';

/** Where a verified carrier callback came in; each kind is applied by its own code in webhook-ingest. */
export const CALLBACK_KINDS = ['twilio-status', 'twilio-recording', 'sanspbx-status'] as const;
export type TCallbackKind = (typeof CALLBACK_KINDS)[number];

/**
 * One carrier callback as webhook-ingest appends it to its Redis stream once the signature (or the call
 * token) verified: the raw payload, not our reading of it, so that what was received survives a bug in
 * what we make of it. Versioned: the next release's applier must still read entries this one wrote.
 */
export const ZCallbackEntrySchema = z.object({
  v: z.literal(1),
  kind: z.enum(CALLBACK_KINDS),
  /** Our call id from the callback URL; a Twilio callback without one is found by its CallSid. */
  callId: z.string().min(1).optional(),
  /** The form fields (Twilio) or the JSON body (SansPBX), as received. */
  payload: z.unknown(),
  /** Epoch milliseconds at which we answered 2xx: the event's receipt time, whenever it is applied. */
  receivedAt: z.number().int().nonnegative(),
});
export type TCallbackEntry = z.infer<typeof ZCallbackEntrySchema>;
