import type { SimCall, SimRecording } from '../calls/sim-call';
import { API_VERSION } from '../twilio/call-resource';
import { toRfc2822 } from '../twilio/twilio-date';

/** A call recording as Twilio's REST API renders it (`duration` is "-1" until the recording is done). */
export function toRecordingResource(call: SimCall, recording: SimRecording) {
  return {
    account_sid: call.accountSid,
    api_version: API_VERSION,
    call_sid: call.sid,
    conference_sid: null,
    date_created: toRfc2822(recording.dateCreated),
    date_updated: toRfc2822(recording.dateCreated),
    start_time: toRfc2822(recording.dateCreated),
    duration: recording.durationSeconds === undefined ? '-1' : String(recording.durationSeconds),
    sid: recording.sid,
    price: null,
    price_unit: 'USD',
    status: recording.status,
    channels: 1,
    source: 'StartCallRecordingAPI',
    error_code: null,
    track: 'both',
    encryption_details: null,
    uri: `/${API_VERSION}/Accounts/${call.accountSid}/Calls/${call.sid}/Recordings/${recording.sid}.json`,
  };
}
