import { z } from 'zod';

const ZWholeNumberStringSchema = z.string().regex(/^\d+$/, 'must be a whole number').transform(Number);

/**
 * The form fields of a Twilio voice status callback that Dialwave reads
 * (https://www.twilio.com/docs/voice/api/call-resource#statuscallback). Twilio sends every value as a
 * string and adds fields over time, so unknown fields pass through untouched (they are kept in the CallLog).
 * `CallStatus` stays a plain word here: mapping it to our status is the domain's job (mapTwilioCallStatus).
 */
export const ZTwilioStatusCallbackSchema = z
  .object({
    CallSid: z.string().min(1),
    CallStatus: z.string().min(1),
    AccountSid: z.string().optional(),
    From: z.string().optional(),
    To: z.string().optional(),
    Direction: z.string().optional(),
    /** 0, 1, 2 ... per call, in the order Twilio sent the callbacks; deduplicates redeliveries. */
    SequenceNumber: ZWholeNumberStringSchema.optional(),
    /** Talk time in seconds, on the terminal callback. */
    CallDuration: ZWholeNumberStringSchema.optional(),
    /** RFC 2822 date of the event. */
    Timestamp: z.string().optional(),
    CallbackSource: z.string().optional(),
    AnsweredBy: z.string().optional(),
    ErrorCode: z.string().optional(),
    ErrorMessage: z.string().optional(),
    SipResponseCode: z.string().optional(),
  })
  .loose();
export type TTwilioStatusCallback = z.infer<typeof ZTwilioStatusCallbackSchema>;
