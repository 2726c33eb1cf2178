import type { TCallStatus } from '@dialwave/contracts';
import { LOG_LIMIT, logEntryFromCallLog, sortNewestFirst, type LogEntry } from '../dashboard/call-log';
import { isTerminalCallStatus } from '../dashboard/call-status';
import { liveCallsFromCalls, type LiveCall } from '../dashboard/live-calls';
import { outcomePointsFromCalls, type OutcomePoint } from '../dashboard/outcome-series';
import type { Api } from './endpoints';

const LIVE_STATUSES: TCallStatus[] = ['INITIATED', 'DIALING', 'RINGING', 'ANSWERED'];
/** A campaign has at most 100 calls in flight (maxConcurrentCalls), so one page per status holds them. */
const LIVE_PAGE = 100;
const OUTCOME_PAGE = 500;
/** The chart reads at most this many pages of calls; later points arrive over the socket. */
const OUTCOME_MAX_PAGES = 20;

export async function loadLiveCalls(api: Api, campaignId: string): Promise<LiveCall[]> {
  const pages = await Promise.all(LIVE_STATUSES.map((status) => api.listCampaignCalls(campaignId, { status, limit: LIVE_PAGE })));
  return liveCallsFromCalls(pages.flatMap((page) => page.items));
}

/** The newest log rows, titled with their call's number (log rows carry only the call id). */
export async function loadCallLog(api: Api, campaignId: string): Promise<LogEntry[]> {
  const [logs, calls] = await Promise.all([
    api.listCampaignLogs(campaignId, { limit: LOG_LIMIT }),
    api.listCampaignCalls(campaignId, { limit: LOG_LIMIT }),
  ]);
  const callOf = new Map(calls.items.map((call) => [call.id, call]));
  return sortNewestFirst(
    logs.items.map((log) => {
      const call = callOf.get(log.callId);
      const entry = logEntryFromCallLog(log, call?.toNumber);
      // One link per call, on the row that ended it, not on every event of the call.
      return call?.recordingUrl && entry.status && isTerminalCallStatus(entry.status)
        ? { ...entry, recordingUrl: call.recordingUrl }
        : entry;
    }),
  );
}

export async function loadOutcomes(api: Api, campaignId: string): Promise<OutcomePoint[]> {
  const points: OutcomePoint[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < OUTCOME_MAX_PAGES; i++) {
    const page = await api.listCampaignCalls(campaignId, { limit: OUTCOME_PAGE, cursor });
    points.push(...outcomePointsFromCalls(page.items));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return points;
}
