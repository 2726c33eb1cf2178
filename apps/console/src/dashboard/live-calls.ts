import type { TCall, TCallInitiatedEvent, TCallStatus, TCallStatusEvent } from '@dialwave/contracts';
import { callStatusRank, isTerminalCallStatus } from './call-status';

export interface LiveCall {
  callId: string;
  leadName: string;
  phone: string;
  status: TCallStatus;
  /** When the console first learnt of the call; the running timer counts from here. */
  startedAt: string;
}

type CallEvent = Pick<TCallStatusEvent | TCallInitiatedEvent, 'callId' | 'leadName' | 'phone' | 'status' | 'at'>;

/**
 * The reducer behind "calls live right now", newest first. A terminal status takes the call off the
 * list; a status below the one shown (a late or duplicate delivery) changes nothing.
 */
export function applyLiveCallEvent(calls: readonly LiveCall[], event: CallEvent): LiveCall[] {
  const index = calls.findIndex((call) => call.callId === event.callId);
  if (isTerminalCallStatus(event.status)) {
    return index === -1 ? [...calls] : calls.filter((call) => call.callId !== event.callId);
  }
  if (index === -1) {
    const added: LiveCall = {
      callId: event.callId,
      leadName: event.leadName,
      phone: event.phone,
      status: event.status,
      startedAt: event.at,
    };
    return [added, ...calls];
  }
  const current = calls[index]!;
  if (callStatusRank(event.status) <= callStatusRank(current.status)) return [...calls];
  const next = [...calls];
  next[index] = { ...current, status: event.status, leadName: event.leadName || current.leadName };
  return next;
}

/** The live list as read over REST (calls carry no lead name, so the phone stands in until an event). */
export function liveCallsFromCalls(calls: readonly TCall[]): LiveCall[] {
  const unique = new Map(calls.map((call) => [call.id, call]));
  return [...unique.values()]
    .filter((call) => !isTerminalCallStatus(call.status))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((call) => ({
      callId: call.id,
      leadName: '',
      phone: call.toNumber,
      status: call.status,
      startedAt: call.createdAt,
    }));
}

/** Seconds since the call started, never negative (browser and server clocks differ a little). */
export function elapsedSeconds(startedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
}
