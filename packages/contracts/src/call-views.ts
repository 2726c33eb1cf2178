import { z } from 'zod';
import { ZCallLogSchema, ZCallSchema, ZLeadSchema } from './api';
import { ZCallAnalysisSchema, ZCallReportSchema, ZSentimentSchema, ZSentimentSourceSchema } from './call-report';
import { ZCallDirectionSchema, ZCallStatusSchema } from './enums';
import { ZCallHistoryEntrySchema, ZLastSummarySchema, ZSuggestedAgentSchema } from './events';

// Read models that show calls together with what their reports said.

/** `GET /api/calls/:id`: the call, its log and its report (null until one arrives). */
export const ZCallDetailSchema = ZCallSchema.extend({ logs: z.array(ZCallLogSchema), report: ZCallReportSchema.nullable() });
export type TCallDetail = z.infer<typeof ZCallDetailSchema>;

/** A call in a lead's list: its outcome and the gist of its report. */
export const ZAnalysedCallSchema = ZCallSchema.extend({ analysis: ZCallAnalysisSchema.nullable() });
export type TAnalysedCall = z.infer<typeof ZAnalysedCallSchema>;

/** `GET /api/leads/:id`: the lead, its calls newest first, and the newest summary among them. */
export const ZLeadWithCallsSchema = ZLeadSchema.extend({ calls: z.array(ZAnalysedCallSchema), lastSummary: ZLastSummarySchema.nullable() });
export type TLeadWithCalls = z.infer<typeof ZLeadWithCallsSchema>;

/** `GET /api/leads/by-phone/:phone`: the lead with its calls, the caller history the console shows and the agent it suggests. */
export const ZLeadByPhoneSchema = ZLeadWithCallsSchema.extend({
  history: z.array(ZCallHistoryEntrySchema),
  suggestedAgent: ZSuggestedAgentSchema.nullable(),
});

/** A row of `GET /api/leads`: the lead and the sentiment of its latest analysed call. */
export const ZLeadListItemSchema = ZLeadSchema.extend({ lastSentiment: ZSentimentSchema.nullable() });
export type TLeadListItem = z.infer<typeof ZLeadListItemSchema>;

/** `GET /api/calls?q=…`: full-text search over the user's transcripts and summaries (Postgres websearch syntax). */
export const ZCallSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'is required: the words to search for').max(200),
});

/** A piece of a search hit's excerpt; `match` pieces are the words the query found. */
export const ZSnippetPartSchema = z.object({ text: z.string(), match: z.boolean() });

export const ZCallSearchHitSchema = z.object({
  callId: z.string(),
  createdAt: z.string(),
  direction: ZCallDirectionSchema,
  status: ZCallStatusSchema,
  durationSeconds: z.number().int().nullable(),
  campaignId: z.string().nullable(),
  leadId: z.string().nullable(),
  leadName: z.string().nullable(),
  /** The other party's number. */
  phone: z.string(),
  sentiment: ZSentimentSchema,
  sentimentSource: ZSentimentSourceSchema,
  successful: z.boolean().nullable(),
  summary: z.string().nullable(),
  /** Where the words were found, in the summary or the transcript. */
  snippet: z.array(ZSnippetPartSchema),
});
export type TCallSearchHit = z.infer<typeof ZCallSearchHitSchema>;
