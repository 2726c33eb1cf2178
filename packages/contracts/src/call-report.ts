import { z } from 'zod';

// What a voice agent's runtime reports at the end of a call (`POST /agent/report`), as stored and as shown.
// The shape follows what voice-AI platforms send (Retell's call_analyzed, Vapi's end-of-call-report): a
// transcript, a summary, the caller's sentiment and whether the agent reached its goal.

export const ZSentimentSchema = z.enum(['positive', 'neutral', 'negative', 'mixed']);
export type TSentiment = z.infer<typeof ZSentimentSchema>;
export const SENTIMENTS = ZSentimentSchema.options;

/** `reported`: the runtime said so; `computed`: Dialwave scored the caller's turns because it did not. */
export const ZSentimentSourceSchema = z.enum(['reported', 'computed']);
export type TSentimentSource = z.infer<typeof ZSentimentSourceSchema>;

/** Where webhook-ingest takes reports: `<PUBLIC_WEBHOOK_URL>/agent/report?callId=<id>&token=<token>`. */
export const AGENT_REPORT_PATH = '/agent/report';

/** The most a report may weigh on the wire; larger bodies are refused with 413 before they are parsed. */
export const AGENT_REPORT_MAX_BYTES = 1024 * 1024;
/** Enough for a long call's turns; the byte limit is what really bounds a report. */
export const AGENT_REPORT_MAX_TURNS = 5000;
export const AGENT_REPORT_MAX_SUMMARY_CHARS = 10_000;

/** Postgres text and jsonb cannot hold U+0000; a speech-to-text glitch must not make a report unstorable. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must go
const withoutNul = (text: string) => text.replace(/\u0000/g, '');

export const ZTranscriptTurnSchema = z.object({
  role: z.enum(['agent', 'caller']),
  text: z.string().max(AGENT_REPORT_MAX_BYTES).transform(withoutNul),
  /** Seconds since the call was answered. */
  atSeconds: z.number().finite().min(0).optional(),
});
export type TTranscriptTurn = z.infer<typeof ZTranscriptTurnSchema>;

/** The body of `POST /agent/report`. Unknown top-level fields are ignored, so richer reports still land. */
export const ZAgentReportSchema = z.object({
  transcript: z.array(ZTranscriptTurnSchema).max(AGENT_REPORT_MAX_TURNS),
  summary: z.string().trim().max(AGENT_REPORT_MAX_SUMMARY_CHARS).transform(withoutNul).optional(),
  sentiment: ZSentimentSchema.optional(),
  successful: z.boolean().optional(),
  /** Whatever structured data the agent extracted (Vapi's structuredData): any JSON object. */
  data: z
    .record(z.string(), z.unknown())
    .refine((data) => !JSON.stringify(data).includes('\\u0000'), 'must not contain NUL (\\u0000) characters')
    .optional(),
});
export type TAgentReport = z.infer<typeof ZAgentReportSchema>;

export const ZAgentReportResponseSchema = z.object({
  callId: z.string(),
  /** `replaced`: the call already had a report, and this one took its place. */
  outcome: z.enum(['stored', 'replaced']),
  sentiment: ZSentimentSchema,
  sentimentSource: ZSentimentSourceSchema,
});
export type TAgentReportResponse = z.infer<typeof ZAgentReportResponseSchema>;

/** A call's stored report, as `GET /api/calls/:id` returns it. */
export const ZCallReportSchema = z.object({
  transcript: z.array(ZTranscriptTurnSchema),
  summary: z.string().nullable(),
  sentiment: ZSentimentSchema,
  sentimentSource: ZSentimentSourceSchema,
  successful: z.boolean().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  receivedAt: z.string(),
  /** How many reports arrived for the call; the latest one is this. */
  revisions: z.number().int(),
});
export type TCallReport = z.infer<typeof ZCallReportSchema>;

/** The gist of a report, where a list of calls shows it (history, lead page, search hits). */
export const ZCallAnalysisSchema = z.object({
  sentiment: ZSentimentSchema,
  sentimentSource: ZSentimentSourceSchema,
  successful: z.boolean().nullable(),
  summary: z.string().nullable(),
});
export type TCallAnalysis = z.infer<typeof ZCallAnalysisSchema>;

/** A campaign's reports in figures, part of its stats: the dashboard's sentiment chart and success share. */
export const ZCampaignAnalysisStatsSchema = z.object({
  /** Calls with a report. */
  analysedCalls: z.number().int(),
  sentiment: z.object({ positive: z.number().int(), neutral: z.number().int(), negative: z.number().int(), mixed: z.number().int() }),
  /** Reports that say whether the call reached its goal (`successful` given). */
  judgedCalls: z.number().int(),
  judgedSuccessful: z.number().int(),
  /** judgedSuccessful / judgedCalls, 0..1 to four places; 0 while no report judged. */
  judgedSuccessRate: z.number(),
});
export type TCampaignAnalysisStats = z.infer<typeof ZCampaignAnalysisStatsSchema>;
