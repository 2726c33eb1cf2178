import { isValidPhoneNumber } from 'libphonenumber-js';

export const DEMO_USER = { email: 'demo@dialwave.local', password: 'dialwave-demo', name: 'Demo User' } as const;

export const DEMO_AGENT = {
  name: 'Demo Agent',
  provider: 'SIMULATOR',
  // Twilio's magic test number for a valid From; the simulator accepts any E.164 number.
  fromNumber: '+15005550006',
  greeting: 'Hello, this is the Dialwave demo agent. This call is simulated.',
} as const;

const FIRST_NAMES = ['Asha', 'Ben', 'Chen', 'Dana', 'Eli', 'Farah', 'Gita', 'Hugo', 'Ines', 'Jon'];
const LAST_NAMES = ['Rao', 'Smith', 'Li', 'Cohen', 'Mensah'];

/**
 * 50 leads whose numbers end in 00..49: the simulator decides each call's outcome by the last digit
 * (0-4 answered, 5 machine, 6 no answer, 7 busy, 8 failed, 9 refused) and the talk time by the one before
 * it, so a demo campaign shows every outcome, five times each. Indian mobile numbers (+91 98765 432NN)
 * because libphonenumber-js accepts them, unlike the fictional +1 555 01xx range.
 */
export function demoLeads(): { firstName: string; lastName: string; phone: string; company: string; timezone: string }[] {
  return Array.from({ length: 50 }, (_, i) => {
    const phone = `+9198765432${String(i).padStart(2, '0')}`;
    if (!isValidPhoneNumber(phone)) throw new Error(`demo lead number ${phone} is not a valid phone number`);
    return {
      firstName: FIRST_NAMES[i % 10] as string,
      lastName: LAST_NAMES[Math.floor(i / 10)] as string,
      phone,
      company: `Demo Co ${Math.floor(i / 10) + 1}`,
      timezone: 'Asia/Kolkata',
    };
  });
}
