import { readMachineTwiml } from './machine-answer';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';

describe('readMachineTwiml', () => {
  it('reads a hang-up before anything is said as a hang-up', () => {
    expect(readMachineTwiml(`${XML}<Response><Hangup/></Response>`)).toEqual({ kind: 'hangup' });
  });

  it('times a voicemail message at 2.5 words a second, in whole seconds, plus pauses', () => {
    // 14 words (the ampersand is read as one) → 6 s.
    expect(
      readMachineTwiml(`${XML}<Response><Say>Hello, this is Acme. Please call us back at 5 &amp; ask for Jo.</Say><Hangup/></Response>`),
    ).toEqual({
      kind: 'message',
      seconds: 6,
    });
    expect(readMachineTwiml(`${XML}<Response><Say>Hi there.</Say><Pause length="1"/><Hangup/></Response>`)).toEqual({
      kind: 'message',
      seconds: 2,
    });
  });

  it('answers undefined for what is not TwiML', () => {
    expect(readMachineTwiml('not xml at all <')).toBeUndefined();
    expect(readMachineTwiml('<html><body>502</body></html>')).toBeUndefined();
  });
});
