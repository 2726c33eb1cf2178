import { planOutcome, seededRandom, type OutcomePlan } from '@dialwave/carrier-sim';

/**
 * The simulator decides a call's outcome from the last digit of `To` (ARCHITECTURE.md, "Carrier
 * simulator"); the second-to-last digit sets the talk time of answered calls. A fixed seed gives every run
 * the same mix, so two runs on two machines dial the same calls in the same order.
 */
export const LEAD_MIX_SEED = 20261125;

export type SimOutcome = 'human' | 'machine' | 'no-answer' | 'busy' | 'failed' | 'refused';

export interface PlannedLead {
  position: number;
  phone: string;
  lastDigit: number;
  outcome: SimOutcome;
  /** Nominal talk seconds the simulator reports (0 when the call is not answered). */
  talkSeconds: number;
}

export interface ExpectedCounters {
  totalLeads: number;
  completedLeads: number;
  successfulCalls: number;
  /** Machine-answered calls: counted apart from successful ones since answering-machine detection. */
  voicemailCalls: number;
  missedCalls: number;
  failedCalls: number;
  totalTalkSeconds: number;
}

/** The simulator's verdict on a number (its `planOutcome`, the one copy of the outcome table), by name. */
export function outcomeOf(plan: OutcomePlan): SimOutcome {
  switch (plan.kind) {
    case 'answered':
      return plan.answeredBy === 'human' ? 'human' : 'machine';
    case 'unanswered':
      return 'no-answer';
    case 'rejected':
      return plan.terminalStatus === 'busy' ? 'busy' : 'failed';
    case 'refused':
      return 'refused';
  }
}

/**
 * `count` leads whose last digits are spread evenly over 0-9 (so every row of the outcome table is dialled)
 * in a seeded shuffled order, with seeded second-to-last digits. Phones are +1 415 <5 unique digits> <d2> <d1>.
 */
export function planLeadMix(count: number, seed = LEAD_MIX_SEED): PlannedLead[] {
  if (count > 80_000) throw new Error('planLeadMix: at most 80,000 leads fit the numbering plan');
  const random = seededRandom(seed);
  const lastDigits = Array.from({ length: count }, (_, i) => i % 10);
  for (let i = lastDigits.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lastDigits[i], lastDigits[j]] = [lastDigits[j]!, lastDigits[i]!];
  }
  return lastDigits.map((lastDigit, position) => {
    const secondToLast = Math.floor(random() * 10);
    const phone = `+1415${String(20_000 + position).padStart(5, '0')}${secondToLast}${lastDigit}`;
    const plan = planOutcome(phone);
    return {
      position: position + 1,
      phone,
      lastDigit,
      outcome: outcomeOf(plan),
      talkSeconds: plan.kind === 'answered' ? plan.talkSeconds : 0,
    };
  });
}

/** The counters ARCHITECTURE.md's classification gives for a finished campaign over these leads. */
export function expectedCounters(leads: readonly PlannedLead[]): ExpectedCounters {
  const successful = leads.filter((lead) => lead.outcome === 'human');
  return {
    totalLeads: leads.length,
    completedLeads: leads.length,
    successfulCalls: successful.length,
    voicemailCalls: leads.filter((lead) => lead.outcome === 'machine').length,
    missedCalls: leads.filter((lead) => lead.outcome === 'no-answer' || lead.outcome === 'busy').length,
    failedCalls: leads.filter((lead) => lead.outcome === 'failed' || lead.outcome === 'refused').length,
    // Talk time counts for successful calls only (a voicemail's is the machine's).
    totalTalkSeconds: successful.reduce((total, lead) => total + lead.talkSeconds, 0),
  };
}
