import { expectedCallFor, expectedCountersFor, outcomePhone } from './carrier-outcomes';

describe("the e2e tests' reading of the simulator's outcome table", () => {
  it('follows ARCHITECTURE.md: 0-4 people talking 2 s plus the second-to-last digit, 5 machines, 6 no answer, 7 busy, 8 failed, 9 refused', () => {
    expect(expectedCallFor(outcomePhone(1, '34'))).toMatchObject({
      status: 'COMPLETED',
      durationSeconds: 5,
      counted: 'successful',
      answeredBy: 'human',
    });
    expect(expectedCallFor(outcomePhone(2, '05'))).toMatchObject({
      status: 'COMPLETED',
      durationSeconds: 3,
      counted: 'voicemail',
      answeredBy: 'machine_start',
    });
    expect(expectedCallFor(outcomePhone(2, '05'), { machineDetection: false })).toMatchObject({ counted: 'successful' });
    expect(expectedCallFor(outcomePhone(3, '06'))).toMatchObject({ status: 'MISSED', counted: 'missed' });
    expect(expectedCallFor(outcomePhone(4, '07'))).toMatchObject({ status: 'BUSY', counted: 'missed' });
    expect(expectedCallFor(outcomePhone(5, '08'))).toMatchObject({ status: 'FAILED', counted: 'failed', refusedByCarrier: false });
    expect(expectedCallFor(outcomePhone(6, '09'))).toMatchObject({ status: 'FAILED', counted: 'failed', refusedByCarrier: true });
    expect(expectedCountersFor([outcomePhone(1, '34'), outcomePhone(3, '06')])).toMatchObject({
      successfulCalls: 1,
      missedCalls: 1,
      totalTalkSeconds: 5,
    });
  });
});
