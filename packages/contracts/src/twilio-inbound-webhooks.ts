import { z } from 'zod';

/**
 * The form fields of Twilio's request for an inbound call's TwiML
 * (https://www.twilio.com/docs/voice/twiml#request-parameters). Every value is caller- or carrier-supplied text.
 */
export const ZTwilioIncomingCallSchema = z
  .object({
    CallSid: z.string().min(1),
    From: z.string().default(''),
    To: z.string().min(1),
    CallStatus: z.string().optional(),
    Direction: z.string().optional(),
    AccountSid: z.string().optional(),
    Caller: z.string().optional(),
    Called: z.string().optional(),
    /** Only with a caller-name lookup enabled on the number. */
    CallerName: z.string().optional(),
  })
  .loose();
export type TTwilioIncomingCall = z.infer<typeof ZTwilioIncomingCallSchema>;

/** The form fields of a recording status callback (https://www.twilio.com/docs/voice/api/recording#recordingstatuscallback). */
export const ZTwilioRecordingCallbackSchema = z
  .object({
    RecordingSid: z.string().min(1),
    RecordingStatus: z.string().default('completed'),
    RecordingUrl: z.string().optional(),
    RecordingDuration: z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number)
      .optional(),
    CallSid: z.string().optional(),
    AccountSid: z.string().optional(),
    ErrorCode: z.string().optional(),
  })
  .loose();
export type TTwilioRecordingCallback = z.infer<typeof ZTwilioRecordingCallbackSchema>;
