import { z } from 'zod';

/** SansPBX sends its numbers as JSON numbers or as numeric strings, depending on the account; "" means none. */
const ZSansPbxWholeNumberSchema = z
  .union([z.number().int().nonnegative(), z.string().trim().regex(/^\d*$/, 'must be a whole number')])
  .transform((value) => (value === '' ? undefined : Number(value)));

/**
 * SansPBX's one end-of-call callback (JSON), as shared/providers/SANSPBX.md describes it. The call's id is
 * `callid` on most accounts and `Linkedid` on some; one of them must be there. Unknown fields pass through
 * untouched (they are kept in the CallLog).
 */
export const ZSansPbxStatusCallbackSchema = z
  .object({
    callid: z.union([z.string(), z.number()]).transform(String).optional(),
    Linkedid: z.union([z.string(), z.number()]).transform(String).optional(),
    disposition: z.string().trim().min(1),
    /** Talk seconds: the call's duration for Dialwave. */
    billsec: ZSansPbxWholeNumberSchema.optional(),
    /** The whole call, ringing included. */
    duration: ZSansPbxWholeNumberSchema.optional(),
    cause: z.union([z.string(), z.number()]).optional(),
    cause_txt: z.string().optional(),
    /** A URL, or a path relative to the account's recording base; "" when nothing was recorded. */
    recfile: z.string().optional(),
    call_to: z.union([z.string(), z.number()]).optional(),
    did: z.union([z.string(), z.number()]).optional(),
    start_time: z.string().optional(),
    end_time: z.string().optional(),
    custom_field: z.unknown().optional(),
  })
  .loose()
  .refine((body) => Boolean(body.callid || body.Linkedid), { message: 'callid or Linkedid is required', path: ['callid'] });
export type TSansPbxStatusCallback = z.infer<typeof ZSansPbxStatusCallbackSchema>;
