import type { TIncomingCallEvent } from '@dialwave/contracts';
import { formatDuration } from '../dashboard/stats';

export type IncomingLead = NonNullable<TIncomingCallEvent['lead']> & { source?: string };
export type CallHistoryEntry = TIncomingCallEvent['history'][number];

export const UNKNOWN_CALLER = 'Unknown caller';
export const RECENT_HISTORY_LIMIT = 5;

/** What an unknown inbound caller's lead is named until someone names it: nothing, a number, or a placeholder word. */
const PLACEHOLDER_NAME = /^(unknown|inbound|caller|unknown caller|inbound caller|n\/a|-)$/i;
const PHONE_LIKE = /^[+\d\s().-]+$/;

/**
 * The name the modal leads with. An unknown caller becomes a lead with source INBOUND whose name is a
 * stand-in (the number, "Unknown"), and showing the number twice helps nobody, so those read "Unknown caller".
 */
export function callerDisplayName(lead: IncomingLead | null): string {
  if (!lead) return UNKNOWN_CALLER;
  const first = lead.firstName.trim();
  const last = lead.lastName?.trim() ?? '';
  const hasRealFirst = first !== '' && !PLACEHOLDER_NAME.test(first) && !PHONE_LIKE.test(first);
  const hasRealLast = last !== '' && !PLACEHOLDER_NAME.test(last) && !PHONE_LIKE.test(last);
  if (!hasRealFirst && !hasRealLast) return UNKNOWN_CALLER;
  return [hasRealFirst ? first : '', hasRealLast ? last : ''].filter(Boolean).join(' ');
}

/** `CALLBACK_REQUESTED` → "Callback requested": dispositions and statuses as people read them. */
export function humanizeCode(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Earlier calls with this number, newest first, without the call that is ringing now. */
export function recentHistory(
  history: readonly CallHistoryEntry[],
  currentCallId: string,
  limit = RECENT_HISTORY_LIMIT,
): CallHistoryEntry[] {
  return history
    .filter((entry) => entry.callId !== currentCallId)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, limit);
}

export interface LastCallSummary {
  at: string;
  direction: string;
  /** The agent's disposition when one was recorded, otherwise how the call ended. */
  outcome: string;
  duration: string;
}

export function lastCallSummary(history: readonly CallHistoryEntry[], currentCallId: string): LastCallSummary | null {
  const [last] = recentHistory(history, currentCallId, 1);
  if (!last) return null;
  return {
    at: last.at,
    direction: humanizeCode(last.direction),
    outcome: humanizeCode(last.disposition ?? last.status),
    duration: historyDuration(last),
  };
}

export function historyDuration(entry: Pick<CallHistoryEntry, 'durationSeconds'>): string {
  return entry.durationSeconds === null ? '—' : formatDuration(entry.durationSeconds);
}

/** A warning the agent must see before picking up, or null. */
export function leadStatusWarning(status: string | undefined): string | null {
  if (status === 'DO_NOT_CALL') return 'Do not call: this person asked not to be called. Do not call them back.';
  return null;
}
