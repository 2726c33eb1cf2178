import { expectedCounters, planLeadMix } from './lead-mix';

describe('planLeadMix', () => {
  it('dials every row of the simulator outcome table, the same way on every run', () => {
    const plan = planLeadMix(500);
    expect(new Set(plan.map((lead) => lead.lastDigit))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(plan.filter((lead) => lead.lastDigit === 9)).toHaveLength(50);
    expect(planLeadMix(500)).toEqual(plan);
    expect(new Set(plan.map((lead) => lead.phone)).size).toBe(500);
    for (const lead of plan) expect(lead.phone).toMatch(/^\+1415\d{7}$/);
  });

  it('predicts the campaign counters from the architecture classification', () => {
    const plan = planLeadMix(20);
    const counters = expectedCounters(plan);
    expect(counters.successfulCalls).toBe(10);
    expect(counters.voicemailCalls).toBe(2);
    expect(counters.missedCalls).toBe(4);
    expect(counters.failedCalls).toBe(4);
    const talk = plan.filter((lead) => lead.lastDigit <= 4).reduce((total, lead) => total + 2 + Number(lead.phone.at(-2)), 0);
    expect(counters.totalTalkSeconds).toBe(talk);
  });
});
