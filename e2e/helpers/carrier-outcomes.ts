import { isValidPhoneNumber } from 'libphonenumber-js';
import { planOutcome } from '@dialwave/carrier-sim';
import type { TCallStatus } from '@dialwave/contracts';

export type CampaignOutcome = 'successful' | 'voicemail' | 'missed' | 'failed';

/** What the carrier simulator will do with a number (ARCHITECTURE.md, "Carrier simulator"). */
export interface ExpectedCall {
  status: Extract<TCallStatus, 'COMPLETED' | 'MISSED' | 'BUSY' | 'FAILED'>;
  durationSeconds: number;
  counted: CampaignOutcome;
  /** Digit 9: the carrier refuses the dial request, so there is no carrier call sid and the call must say why. */
  refusedByCarrier: boolean;
  /** What answered, for answered calls (the dialer asks for machine detection). */
  answeredBy?: 'human' | 'machine_start';
}

/**
 * A valid Indian mobile number (+91 98765 NNN XY) whose last two digits pick the simulator's outcome; the
 * serial keeps numbers unique for one user when many leads share an outcome.
 */
export function outcomePhone(serial: number, lastTwoDigits: string): string {
  if (!/^\d{2}$/.test(lastTwoDigits)) throw new Error(`lastTwoDigits must be two digits, got ${lastTwoDigits}`);
  if (serial < 0 || serial > 999) throw new Error(`serial must be 0..999, got ${serial}`);
  const phone = `+9198765${String(serial).padStart(3, '0')}${lastTwoDigits}`;
  if (!isValidPhoneNumber(phone)) throw new Error(`${phone} is not a valid phone number`);
  return phone;
}

/**
 * How each outcome of the simulator's table (`planOutcome`, the one copy of ARCHITECTURE.md's table) moves
 * the campaign counters. `machineDetection: false` is a carrier that cannot tell machines from people
 * (SansPBX): a machine's call counts as successful.
 */
export function expectedCallFor(phone: string, { machineDetection = true }: { machineDetection?: boolean } = {}): ExpectedCall {
  const plan = planOutcome(phone);
  const connected = { refusedByCarrier: false };
  switch (plan.kind) {
    case 'answered':
      if (plan.answeredBy === 'human')
        return { ...connected, status: 'COMPLETED', durationSeconds: plan.talkSeconds, counted: 'successful', answeredBy: 'human' };
      // A machine answered: a voicemail, counted apart from successful calls, when the carrier can tell.
      if (!machineDetection) return { ...connected, status: 'COMPLETED', durationSeconds: plan.talkSeconds, counted: 'successful' };
      return { ...connected, status: 'COMPLETED', durationSeconds: plan.talkSeconds, counted: 'voicemail', answeredBy: 'machine_start' };
    case 'unanswered':
      return { ...connected, status: 'MISSED', durationSeconds: 0, counted: 'missed' };
    case 'rejected':
      return plan.terminalStatus === 'busy'
        ? { ...connected, status: 'BUSY', durationSeconds: 0, counted: 'missed' }
        : { ...connected, status: 'FAILED', durationSeconds: 0, counted: 'failed' };
    case 'refused':
      return { status: 'FAILED', durationSeconds: 0, counted: 'failed', refusedByCarrier: true };
  }
}

export interface ExpectedCounters {
  totalLeads: number;
  completedLeads: number;
  successfulCalls: number;
  voicemailCalls: number;
  missedCalls: number;
  failedCalls: number;
  totalTalkSeconds: number;
}

export function expectedCountersFor(phones: readonly string[], options: { machineDetection?: boolean } = {}): ExpectedCounters {
  const counters: ExpectedCounters = {
    totalLeads: phones.length,
    completedLeads: phones.length,
    successfulCalls: 0,
    voicemailCalls: 0,
    missedCalls: 0,
    failedCalls: 0,
    totalTalkSeconds: 0,
  };
  for (const phone of phones) {
    const call = expectedCallFor(phone, options);
    if (call.counted === 'successful') {
      counters.successfulCalls += 1;
      counters.totalTalkSeconds += call.durationSeconds;
    } else if (call.counted === 'voicemail') counters.voicemailCalls += 1;
    else if (call.counted === 'missed') counters.missedCalls += 1;
    else counters.failedCalls += 1;
  }
  return counters;
}

/**
 * Three leads per outcome digit of the simulator's table. Humans (0–4) talk long (second-to-last digit up
 * to 9, so 11 nominal seconds) so that calls overlap at SIM_TIME_SCALE=0.01; short ones (2 s) prove the
 * duration is the carrier's, not a clock's.
 */
const EVERY_OUTCOME_LAST_TWO_DIGITS = [
  ['90', '60', '00'],
  ['91', '71', '11'],
  ['92', '82', '32'],
  ['93', '83', '23'],
  ['94', '74', '44'],
  ['15', '95', '55'],
  ['06', '56', '96'],
  ['07', '57', '97'],
  ['08', '58', '98'],
  ['09', '59', '99'],
].flat();

/** 30 lead numbers covering every outcome of the carrier's table three times. */
export const EVERY_OUTCOME_PHONES = EVERY_OUTCOME_LAST_TWO_DIGITS.map((digits, serial) => outcomePhone(serial, digits));
