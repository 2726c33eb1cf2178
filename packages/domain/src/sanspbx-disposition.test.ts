import { mapSansPbxDisposition } from './sanspbx-disposition';

describe('mapSansPbxDisposition', () => {
  it.each(['ANSWER', 'ANSWERED', 'answered', ' Answer '])('maps %p to COMPLETED with billsec as the talk time', (disposition) => {
    expect(mapSansPbxDisposition({ disposition, billsec: 42, cause_txt: 'Normal Clearing' })).toEqual({
      status: 'COMPLETED',
      durationSeconds: 42,
      word: disposition.trim().toUpperCase(),
      unknown: false,
    });
  });

  it('keeps an answered call with billsec 0 COMPLETED with duration 0 (counted as missed by the counter rules)', () => {
    expect(mapSansPbxDisposition({ disposition: 'ANSWER', billsec: 0 })).toMatchObject({ status: 'COMPLETED', durationSeconds: 0 });
    expect(mapSansPbxDisposition({ disposition: 'ANSWER' })).toMatchObject({ status: 'COMPLETED', durationSeconds: 0 });
  });

  it.each(['NOANSWER', 'NO ANSWER', 'no_answer', 'No Answer'])('maps %p to MISSED', (disposition) => {
    expect(mapSansPbxDisposition({ disposition, billsec: 0, cause_txt: 'No answer' })).toEqual({
      status: 'MISSED',
      durationSeconds: 0,
      word: 'NOANSWER',
      unknown: false,
    });
  });

  it('maps BUSY to BUSY without a failure reason', () => {
    expect(mapSansPbxDisposition({ disposition: 'busy', billsec: 0, cause_txt: 'User busy' })).toEqual({
      status: 'BUSY',
      durationSeconds: 0,
      word: 'BUSY',
      unknown: false,
    });
  });

  it.each([
    ['FAILED', 'FAILED'],
    ['CONGESTION', 'CONGESTION'],
    ['CHANUNAVAIL', 'CHANUNAVAIL'],
    ['chan_unavail', 'CHANUNAVAIL'],
  ])('maps %p to FAILED with the reason from cause_txt', (disposition, word) => {
    expect(mapSansPbxDisposition({ disposition, billsec: 0, cause_txt: 'No circuit/channel available' })).toEqual({
      status: 'FAILED',
      durationSeconds: 0,
      failureReason: 'No circuit/channel available',
      word,
      unknown: false,
    });
  });

  it('maps FAILED without a cause_txt to FAILED with no reason', () => {
    expect(mapSansPbxDisposition({ disposition: 'FAILED' })).toEqual({
      status: 'FAILED',
      durationSeconds: 0,
      word: 'FAILED',
      unknown: false,
    });
  });

  it.each(['CANCEL', 'CANCELLED', 'CANCELED', 'canceled'])('maps %p to CANCELED', (disposition) => {
    expect(mapSansPbxDisposition({ disposition, billsec: 5 })).toMatchObject({ status: 'CANCELED', durationSeconds: 0, unknown: false });
  });

  it('maps an unknown word to FAILED with reason "unknown disposition <word>" and flags it for a warning', () => {
    expect(mapSansPbxDisposition({ disposition: 'teleported away', billsec: 3, cause_txt: 'x' })).toEqual({
      status: 'FAILED',
      durationSeconds: 0,
      failureReason: 'unknown disposition TELEPORTEDAWAY',
      word: 'TELEPORTEDAWAY',
      unknown: true,
    });
  });
});
