import {
  ZCallStatusSchema,
  ZSentimentSchema,
  type TCallAnalyzedEvent,
  type TCallLog,
  type TCallStatus,
  type TCallStatusEvent,
} from '@dialwave/contracts';
import { analysedDetail } from '../analysis/sentiment';
import { callStatusRank } from './call-status';
import { formatDuration } from './stats';

export interface LogEntry {
  /** callId + status for live events, the CallLog id for rows read over REST. */
  id: string;
  callId: string;
  at: string;
  /** Drives the colour; null for a logged event that did not change the status. */
  status: TCallStatus | null;
  /** The status the event spoke of, applied or not: orders events that share a second. */
  reported: TCallStatus | null;
  title: string;
  detail: string;
  /** Set on the entry that ended a call read over REST, when the call was recorded. */
  recordingUrl?: string | null;
}

export const LOG_LIMIT = 200;

/** Provider words in CallLog events (`twilio:no-answer`) mapped to our statuses, as the server maps them. */
const EVENT_WORDS: Record<string, TCallStatus> = {
  queued: 'DIALING',
  initiated: 'DIALING',
  ringing: 'RINGING',
  'in-progress': 'ANSWERED',
  answered: 'ANSWERED',
  completed: 'COMPLETED',
  busy: 'BUSY',
  'no-answer': 'MISSED',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

function parseStatus(word: string | undefined): TCallStatus | null {
  const parsed = ZCallStatusSchema.safeParse(word);
  return parsed.success ? parsed.data : null;
}

/**
 * The status a stored log row speaks of: the server writes `FROM → TO` in `details` when a status
 * advanced and `ignored: TO after CURRENT` when it did not; otherwise the event's last word
 * (`twilio:ringing`) tells.
 */
export function reportedStatusOfLog(log: Pick<TCallLog, 'event' | 'details'>): TCallStatus | null {
  const fromDetails =
    parseStatus(log.details?.match(/→\s*([A-Z_]+)/)?.[1]) ?? parseStatus(log.details?.match(/^ignored:\s*([A-Z_]+)/)?.[1]);
  if (fromDetails) return fromDetails;
  const word = log.event.split(':').pop()?.toLowerCase() ?? '';
  return EVENT_WORDS[word] ?? parseStatus(word.toUpperCase());
}

/** The status a stored log row moved its call to; null when the server logged it without applying it. */
export function statusOfLog(log: Pick<TCallLog, 'event' | 'details'>): TCallStatus | null {
  return log.details?.startsWith('ignored') ? null : reportedStatusOfLog(log);
}

/** `phone` (the call's number, when known) leads the title, as live entries lead with the lead. */
export function logEntryFromCallLog(log: TCallLog, phone?: string): LogEntry {
  return {
    id: log.id,
    callId: log.callId,
    at: log.timestamp,
    status: statusOfLog(log),
    reported: reportedStatusOfLog(log),
    title: phone ? `${phone} · ${log.event}` : log.event,
    detail: analysedDetailOfLog(log) ?? log.details ?? '',
  };
}

/** A stored `report:received` row reads like the live event: "analysed: positive". */
function analysedDetailOfLog(log: Pick<TCallLog, 'event' | 'data'>): string | undefined {
  if (log.event !== 'report:received') return undefined;
  const sentiment = ZSentimentSchema.safeParse((log.data as { sentiment?: unknown } | null)?.sentiment);
  return sentiment.success ? analysedDetail(sentiment.data) : undefined;
}

/** A call's report arrived: one line in the live log, with no status of its own. */
export function logEntryFromAnalysis(event: TCallAnalyzedEvent): LogEntry {
  return {
    id: `${event.callId}:analysed:${event.at}`,
    callId: event.callId,
    at: event.at,
    status: null,
    reported: null,
    title: [event.leadName, event.phone].filter(Boolean).join(' · '),
    detail: analysedDetail(event.sentiment),
  };
}

export function logEntryFromEvent(event: TCallStatusEvent): LogEntry {
  const who = [event.leadName, event.phone].filter(Boolean).join(' · ');
  const duration = event.durationSeconds !== null && event.durationSeconds > 0 ? ` after ${formatDuration(event.durationSeconds)}` : '';
  return {
    id: `${event.callId}:${event.status}`,
    callId: event.callId,
    at: event.at,
    status: event.status,
    reported: event.status,
    title: who,
    detail: `${event.status}${duration}`,
  };
}

/** Newest first by time (ties keep arrival order), one entry per id, at most `limit` entries. */
export function addLogEntry(log: readonly LogEntry[], entry: LogEntry, limit = LOG_LIMIT): LogEntry[] {
  if (log.some((existing) => existing.id === entry.id)) return [...log];
  return sortNewestFirst([entry, ...log]).slice(0, limit);
}

/**
 * Oldest first. Carrier timestamps have whole seconds while ours have milliseconds, so within one second
 * the status order (DIALING before RINGING before ANSWERED) decides, not the clock.
 */
export function compareOldestFirst(a: LogEntry, b: LogEntry): number {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  const second = Math.floor(ta / 1000) - Math.floor(tb / 1000);
  if (second !== 0) return second;
  const rank = (e: LogEntry) => (e.reported ? callStatusRank(e.reported) : -1);
  return rank(a) - rank(b) || ta - tb;
}

export function sortNewestFirst(log: readonly LogEntry[]): LogEntry[] {
  return [...log].sort((a, b) => compareOldestFirst(b, a));
}

export function sortOldestFirst(log: readonly LogEntry[]): LogEntry[] {
  return [...log].sort(compareOldestFirst);
}
