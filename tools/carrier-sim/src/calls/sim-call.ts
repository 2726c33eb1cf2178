import type { AnsweredBy, OutcomePlan, TerminalStatus } from './outcome-plan';

export type SimCallStatus = 'queued' | 'initiated' | 'ringing' | 'in-progress' | TerminalStatus;
export type CallProgressEvent = 'initiated' | 'ringing' | 'answered' | 'completed';
export type ConnectedPlan = Exclude<OutcomePlan, { kind: 'refused' }>;
/** An inbound caller: how long they talk once an agent takes them, and how long they wait for one. */
export interface InboundPlan {
  kind: 'inbound';
  talkSeconds: number;
  maxWaitSeconds: number;
}
export type CallDirection = 'outbound-api' | 'inbound';
/**
 * Where an inbound caller stands in the queue: `waiting` for an agent, `accepted` (a REST redirect bridged
 * them), `rejected` (ended by `Status=completed` while waiting), `abandoned` (gave up after the max wait).
 */
export type QueueState = 'waiting' | 'accepted' | 'rejected' | 'abandoned';

export interface CallbackDelivery {
  attempt: number;
  at: string;
  httpStatus?: number;
  error?: string;
}

/** One status callback as the debug view shows it: what was sent, and what happened to it. */
export interface DeliveryRecord {
  params: Record<string, string>;
  deliveries: CallbackDelivery[];
}

/** A recording started with the Recordings API, and the callback that reports it done. */
export interface SimRecording {
  sid: string;
  dateCreated: Date;
  startedAtMs: number;
  status: 'in-progress' | 'completed';
  /** Nominal seconds; set when the call ends. */
  durationSeconds?: number;
  /** `<sim url>/recordings/<sid>`, where a tiny WAV is served. */
  url: string;
  statusCallback?: string;
  statusCallbackMethod: 'POST' | 'GET';
  statusCallbackEvents: ReadonlySet<'in-progress' | 'completed' | 'absent'>;
  callbacks: DeliveryRecord[];
}

export interface CallbackRecord extends DeliveryRecord {
  event: CallProgressEvent;
  callStatus: SimCallStatus;
  /** Absent when chaos dropped the callback: a dropped callback is never sent, so it takes no number. */
  sequenceNumber?: number;
  dropped: boolean;
  heldBack: boolean;
  duplicated: boolean;
}

export interface SimCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  direction: CallDirection;
  plan: ConnectedPlan | InboundPlan;
  status: SimCallStatus;
  /** The TwiML the call is running: the inbound webhook's answer, then any REST redirect. */
  twiml?: string;
  /** Outbound calls: the `Url` Twilio fetches TwiML from once the call is answered. */
  answerUrl?: string;
  /** The `Url` of the last REST redirect, when it gave one instead of TwiML. */
  redirectUrl?: string;
  /** Inbound calls only. */
  queue?: QueueState;
  /** Inbound calls only: nominal seconds spent waiting before an agent accepted. */
  queueWaitSeconds?: number;
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
  /** MachineDetection=DetectMessageEnd was asked for. */
  detectMessageEnd?: boolean;
  /** Nominal seconds a machine spoke before the beep, when detection waited for it. */
  machineGreetingSeconds?: number;
  record: boolean;
  timeoutSeconds?: number;
  statusCallback?: string;
  statusCallbackMethod: 'POST' | 'GET';
  events: ReadonlySet<CallProgressEvent>;
  nextSequenceNumber: number;
  callbacks: CallbackRecord[];
  recordings: SimRecording[];
  timers: Set<NodeJS.Timeout>;
}

const TERMINAL: ReadonlySet<SimCallStatus> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

export function isTerminalStatus(status: SimCallStatus): status is TerminalStatus {
  return TERMINAL.has(status);
}
