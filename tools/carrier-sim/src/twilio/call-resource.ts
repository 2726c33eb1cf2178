import type { SimCall } from '../calls/sim-call';
import { toRfc2822 } from './twilio-date';

export const API_VERSION = '2010-04-01';

/** The call as Twilio's REST API renders it (snake_case JSON, RFC 2822 dates, numbers as strings). */
export function toCallResource(call: SimCall) {
  const base = `/${API_VERSION}/Accounts/${call.accountSid}/Calls/${call.sid}`;
  return {
    sid: call.sid,
    date_created: toRfc2822(call.dateCreated),
    date_updated: toRfc2822(call.dateUpdated),
    parent_call_sid: null,
    account_sid: call.accountSid,
    to: call.to,
    to_formatted: call.to,
    from: call.from,
    from_formatted: call.from,
    phone_number_sid: null,
    status: call.status,
    start_time: call.startTime ? toRfc2822(call.startTime) : null,
    end_time: call.endTime ? toRfc2822(call.endTime) : null,
    duration: call.durationSeconds === undefined ? null : String(call.durationSeconds),
    price: null,
    price_unit: 'USD',
    direction: call.direction,
    answered_by: call.machineDetection ? (call.answeredBy ?? null) : null,
    api_version: API_VERSION,
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri: `${base}.json`,
    subresource_uris: {
      notifications: `${base}/Notifications.json`,
      recordings: `${base}/Recordings.json`,
      payments: `${base}/Payments.json`,
      events: `${base}/Events.json`,
      siprec: `${base}/Siprec.json`,
      streams: `${base}/Streams.json`,
      transcriptions: `${base}/Transcriptions.json`,
      user_defined_message_subscriptions: `${base}/UserDefinedMessageSubscriptions.json`,
      user_defined_messages: `${base}/UserDefinedMessages.json`,
    },
  };
}
