import type { CallbackDelivery, ConnectedPlan } from '../calls/sim-call';

export type SansPbxDisposition = 'ANSWER' | 'NOANSWER' | 'BUSY' | 'FAILED';

/** The one end-of-call callback SansPBX posts to `status_callback` (JSON, unsigned). */
export interface SansPbxCallbackPayload {
  callid: string;
  call_to: string;
  did: string;
  start_time: string;
  end_time: string;
  /** Whole call, nominal seconds. */
  duration: number;
  /** Talk seconds, nominal; 0 when not answered. */
  billsec: number;
  disposition: SansPbxDisposition;
  cause: number;
  cause_txt: string;
  /** A URL on the simulator when the call was answered, else empty. */
  recfile: string;
  /** Echoed as given on dialcall; absent when none was given. */
  custom_field?: unknown;
}

export interface SansPbxCall {
  callid: string;
  appid: string;
  callTo: string;
  callerId: string;
  statusCallback: string;
  customField?: unknown;
  plan: ConnectedPlan;
  /** Base URL of the simulator as the client reached it; recordings are served under it. */
  simUrl: string;
  startTime: Date;
  startedAtMs: number;
  answeredAtMs?: number;
  state: 'ringing' | 'answered' | 'ended';
  callback?: { payload: SansPbxCallbackPayload; duplicated: boolean; deliveries: CallbackDelivery[] };
  timers: Set<NodeJS.Timeout>;
}

/** Q.850 cause codes as Asterisk reports them in SansPBX callbacks. */
export const HANGUP_CAUSE = {
  normalClearing: { cause: 16, cause_txt: 'Normal Clearing' },
  userBusy: { cause: 17, cause_txt: 'User busy' },
  noAnswer: { cause: 19, cause_txt: 'No answer' },
  noCircuit: { cause: 34, cause_txt: 'No circuit/channel available' },
} as const;
