import { AppError } from '@dialwave/platform';
import { parseTwilioStatusCallback, toCallStatusUpdate } from './status-callback';

const NOW = new Date('2026-11-25T12:00:00.000Z');

function updateFor(params: Record<string, string>) {
  return toCallStatusUpdate('call-1', parseTwilioStatusCallback(params), params, () => NOW);
}

describe('Twilio status callback → call status update', () => {
  it('maps a ringing callback with its sequence number, sid and RFC 2822 timestamp', () => {
    const params = { CallSid: 'CA1', CallStatus: 'ringing', SequenceNumber: '1', Timestamp: 'Wed, 25 Nov 2026 11:36:23 +0000' };
    expect(updateFor(params)).toEqual({
      callId: 'call-1',
      status: 'RINGING',
      event: 'twilio:ringing',
      sequence: 1,
      providerCallSid: 'CA1',
      occurredAt: new Date('2026-11-25T11:36:23.000Z'),
      raw: params,
    });
  });

  it("takes the duration from Twilio's CallDuration on a terminal callback", () => {
    const update = updateFor({ CallSid: 'CA1', CallStatus: 'completed', SequenceNumber: '3', CallDuration: '42', Duration: '1' });
    expect(update).toMatchObject({ status: 'COMPLETED', event: 'twilio:completed', durationSeconds: 42 });
  });

  it('ignores CallDuration on a non-terminal callback', () => {
    expect(updateFor({ CallSid: 'CA1', CallStatus: 'in-progress', CallDuration: '5' }).durationSeconds).toBeUndefined();
  });

  it('carries AnsweredBy and falls back to the current time when Timestamp is missing or unreadable', () => {
    const update = updateFor({ CallSid: 'CA1', CallStatus: 'in-progress', AnsweredBy: 'machine_start', Timestamp: 'yesterday-ish' });
    expect(update).toMatchObject({ status: 'ANSWERED', answeredBy: 'machine_start', occurredAt: NOW });
  });

  it('leaves the sequence out when Twilio sends none, so the domain deduplicates on the event alone', () => {
    expect(updateFor({ CallSid: 'CA1', CallStatus: 'busy' })).not.toHaveProperty('sequence');
  });

  it('builds the failure reason from ErrorCode/ErrorMessage, or from the SIP response of a failed call', () => {
    expect(updateFor({ CallSid: 'CA1', CallStatus: 'failed', ErrorCode: '31005', ErrorMessage: 'Connection error' }).failureReason).toBe(
      'twilio error 31005: Connection error',
    );
    expect(updateFor({ CallSid: 'CA1', CallStatus: 'failed', SipResponseCode: '503' }).failureReason).toBe('sip 503');
    expect(updateFor({ CallSid: 'CA1', CallStatus: 'completed', SipResponseCode: '200' }).failureReason).toBeUndefined();
  });

  it('maps every documented Twilio word, whatever its case', () => {
    expect(updateFor({ CallSid: 'CA1', CallStatus: 'No-Answer' })).toMatchObject({ status: 'MISSED', event: 'twilio:no-answer' });
    expect(updateFor({ CallSid: 'CA1', CallStatus: 'queued' }).status).toBe('DIALING');
  });

  it('refuses an undocumented CallStatus with a 400 naming the field', () => {
    expect.assertions(2);
    try {
      parseTwilioStatusCallback({ CallSid: 'CA1', CallStatus: 'exploded' });
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'CallStatus' }] });
    }
  });

  it('refuses a callback without CallSid or with a non-numeric SequenceNumber', () => {
    expect(() => parseTwilioStatusCallback({ CallStatus: 'ringing' })).toThrow(/CallSid/);
    expect(() => parseTwilioStatusCallback({ CallSid: 'CA1', CallStatus: 'ringing', SequenceNumber: 'two' })).toThrow(/SequenceNumber/);
  });
});

describe('inbound calls waiting in the queue', () => {
  it('stay RINGING when Twilio reports them in-progress, until an agent accepts', () => {
    expect(parseTwilioStatusCallback({ CallSid: 'CA1', CallStatus: 'in-progress', Direction: 'inbound' }).status).toBe('RINGING');
    expect(parseTwilioStatusCallback({ CallSid: 'CA1', CallStatus: 'in-progress', Direction: 'outbound-api' }).status).toBe('ANSWERED');
    expect(parseTwilioStatusCallback({ CallSid: 'CA1', CallStatus: 'completed', Direction: 'inbound' }).status).toBe('COMPLETED');
  });
});
