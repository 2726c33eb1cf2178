import { randomBytes } from 'node:crypto';
import type { CallRunner } from '../calls/call-runner';
import type { CallbackSender } from '../calls/callback-sender';
import type { SimCall, SimRecording } from '../calls/sim-call';
import { toRfc2822 } from '../twilio/twilio-date';
import type { RecordingFiles } from './recording-files';

export type RecordingEvent = 'in-progress' | 'completed' | 'absent';

export interface StartRecordingInput {
  statusCallback?: string;
  statusCallbackMethod: 'POST' | 'GET';
  /** Twilio's default is `completed` only. */
  statusCallbackEvents: ReadonlySet<RecordingEvent>;
  /** Base URL of the simulator as the client reached it; the recording is served under it. */
  simUrl: string;
}

export interface CallRecordingsDeps {
  runner: CallRunner;
  sender: CallbackSender;
  files: RecordingFiles;
}

/**
 * Recordings started with `client.calls(sid).recordings.create(...)`. A recording runs until its call ends,
 * then reports `completed` to its RecordingStatusCallback, signed like every Twilio callback.
 */
export class CallRecordings {
  constructor(private readonly deps: CallRecordingsDeps) {}

  start(call: SimCall, input: StartRecordingInput): SimRecording {
    const sid = `RE${randomBytes(16).toString('hex')}`;
    const recording: SimRecording = {
      sid,
      dateCreated: new Date(),
      startedAtMs: this.deps.runner.nowMs(),
      status: 'in-progress',
      url: `${input.simUrl.replace(/\/+$/, '')}/recordings/${sid}`,
      statusCallback: input.statusCallback,
      statusCallbackMethod: input.statusCallbackMethod,
      statusCallbackEvents: input.statusCallbackEvents,
      callbacks: [],
    };
    call.recordings.push(recording);
    this.deps.files.add(sid);
    this.report(call, recording, 'in-progress');
    return recording;
  }

  /** Called once the call's terminal status has been reported. */
  finishAll(call: SimCall): void {
    for (const recording of call.recordings) {
      if (recording.status === 'completed') continue;
      recording.status = 'completed';
      recording.durationSeconds = this.deps.runner.nominalSecondsSince(recording.startedAtMs);
      this.report(call, recording, 'completed');
    }
  }

  private report(call: SimCall, recording: SimRecording, event: 'in-progress' | 'completed'): void {
    if (!recording.statusCallback || !recording.statusCallbackEvents.has(event)) return;
    const params: Record<string, string> = {
      AccountSid: call.accountSid,
      CallSid: call.sid,
      RecordingSid: recording.sid,
      RecordingUrl: recording.url,
      RecordingStatus: event,
      RecordingChannels: '1',
      RecordingSource: 'StartCallRecordingAPI',
      RecordingStartTime: toRfc2822(recording.dateCreated),
      RecordingTrack: 'both',
    };
    if (event === 'completed') {
      params.RecordingDuration = String(recording.durationSeconds ?? 0);
      params.ErrorCode = '0';
    }
    const url = recording.statusCallback;
    const method = recording.statusCallbackMethod;
    recording.callbacks.push(this.deps.sender.sendUnsequenced(call, url, method, params));
  }
}
