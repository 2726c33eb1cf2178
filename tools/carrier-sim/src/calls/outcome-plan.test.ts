import { planOutcome } from './outcome-plan';

describe('planOutcome', () => {
  it.each(['0', '1', '2', '3', '4'])('a number ending in %s is answered by a person after 1 s of ringing', (digit) => {
    expect(planOutcome(`+1555000000${digit}`)).toEqual({
      kind: 'answered',
      ringSeconds: 1,
      answeredBy: 'human',
      talkSeconds: 2,
    });
  });

  it('the second-to-last digit adds that many seconds of talk time to a human call', () => {
    expect(planOutcome('+15550000073')).toMatchObject({ kind: 'answered', talkSeconds: 9 });
    expect(planOutcome('+15550000040')).toMatchObject({ kind: 'answered', talkSeconds: 6 });
  });

  it('a number ending in 5 is answered by a machine and lasts 3 s whatever the digit before', () => {
    expect(planOutcome('+15550000085')).toEqual({
      kind: 'answered',
      ringSeconds: 1,
      answeredBy: 'machine_start',
      talkSeconds: 3,
    });
  });

  it('a number ending in 6 rings for 5 s and is not answered', () => {
    expect(planOutcome('+15550000006')).toEqual({ kind: 'unanswered', ringSeconds: 5, terminalStatus: 'no-answer' });
  });

  it('a number ending in 7 is busy after 1 s', () => {
    expect(planOutcome('+15550000007')).toEqual({ kind: 'rejected', afterSeconds: 1, terminalStatus: 'busy' });
  });

  it('a number ending in 8 fails after 1 s', () => {
    expect(planOutcome('+15550000008')).toEqual({ kind: 'rejected', afterSeconds: 1, terminalStatus: 'failed' });
  });

  it('a number ending in 9 is refused by the REST API', () => {
    expect(planOutcome('+15550000009')).toMatchObject({ kind: 'refused' });
  });

  it('a number without digits is refused', () => {
    expect(planOutcome('client:alice')).toMatchObject({ kind: 'refused' });
  });

  it('formatting characters are ignored when reading the digits', () => {
    expect(planOutcome('+1 (555) 000-0031')).toMatchObject({ kind: 'answered', talkSeconds: 5 });
  });
});
