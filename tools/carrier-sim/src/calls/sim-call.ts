import type { AnsweredBy, OutcomePlan, TerminalStatus } from './outcome-plan';

export type SimCallStatus = 'queued' | 'initiated' | 'ringing' | 'in-progress' | TerminalStatus;
export type CallProgressEvent = 'initiated' | 'ringing' | 'answered' | 'completed';
export type ConnectedPlan = Exclude<OutcomePlan, { kind: 'refused' }>;

export interface CallbackDelivery {
  attempt: number;
  at: string;
  httpStatus?: number;
  error?: string;
}

/** One status callback as the debug view shows it: what was sent, and what happened to it. */
export interface CallbackRecord {
  event: CallProgressEvent;
  callStatus: SimCallStatus;
  /** Absent when chaos dropped the callback: a dropped callback is never sent, so it takes no number. */
  sequenceNumber?: number;
  dropped: boolean;
  heldBack: boolean;
  duplicated: boolean;
  params: Record<string, string>;
  deliveries: CallbackDelivery[];
}

export interface SimCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  plan: ConnectedPlan;
  status: SimCallStatus;
  dateCreated: Date;
  dateUpdated: Date;
  startTime?: Date;
  endTime?: Date;
  /** Monotonic clock reading at answer, to measure talk time of a call hung up early. */
  answeredAtMs?: number;
  answeredBy?: AnsweredBy;
  /** Nominal seconds; set once the call is over. */
  durationSeconds?: number;
  machineDetection: boolean;
  record: boolean;
  timeoutSeconds?: number;
  statusCallback?: string;
  statusCallbackMethod: 'POST' | 'GET';
  events: ReadonlySet<CallProgressEvent>;
  nextSequenceNumber: number;
  callbacks: CallbackRecord[];
  timers: Set<NodeJS.Timeout>;
}

const TERMINAL: ReadonlySet<SimCallStatus> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

export function isTerminalStatus(status: SimCallStatus): status is TerminalStatus {
  return TERMINAL.has(status);
}
