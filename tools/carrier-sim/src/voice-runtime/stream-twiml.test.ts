import twilio from 'twilio';
import { readStreamTwiml } from './stream-twiml';

describe('readStreamTwiml', () => {
  it("reads the stream URL and its parameters from TwiML built by Twilio's SDK, entities decoded", () => {
    const response = new twilio.twiml.VoiceResponse();
    const stream = response.connect().stream({ url: 'wss://agents.example.com/a?x=1&y=2' });
    stream.parameter({ name: 'callId', value: 'c-1' });
    stream.parameter({ name: 'greeting', value: `Hi <there> & "you"` });
    expect(readStreamTwiml(response.toString())).toEqual({
      url: 'wss://agents.example.com/a?x=1&y=2',
      parameters: { callId: 'c-1', greeting: `Hi <there> & "you"` },
    });
  });

  it('reads a stream without parameters', () => {
    expect(readStreamTwiml('<Response><Connect><Stream url="wss://x.example.com"/></Connect></Response>')).toEqual({
      url: 'wss://x.example.com',
      parameters: {},
    });
  });

  it('finds no stream in a greeting, a hang-up or a document that is not TwiML', () => {
    expect(readStreamTwiml('<?xml version="1.0"?><Response><Say>Hello</Say><Hangup/></Response>')).toBeUndefined();
    expect(readStreamTwiml('<Response><Start><Stream url="wss://x.example.com"/></Start></Response>')).toBeUndefined();
    expect(readStreamTwiml('not xml <<<')).toBeUndefined();
    expect(readStreamTwiml('')).toBeUndefined();
  });
});
