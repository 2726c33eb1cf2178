/**
 * What the simulated voice runtime "heard" on a call a person answered, chosen by the number dialled so
 * that tests can predict every report: the second-to-last digit of `To`, modulo 4 (the same digit that
 * sets the talk time, 2 + digit seconds).
 *
 * | second-to-last digit | script | report |
 * |---|---|---|
 * | 0, 4, 8 | `positive` | sentiment `positive`, successful, a visit booked |
 * | 1, 5, 9 | `neutral` | sentiment `neutral`, not successful, details by email |
 * | 2, 6 | `negative` | sentiment `negative`, not successful, asked not to be called |
 * | 3, 7 | `unscored` | no sentiment and no verdict: Dialwave computes the sentiment (`mixed`) |
 */
export type ReportScriptName = 'positive' | 'neutral' | 'negative' | 'unscored';

const SCRIPT_BY_REMAINDER: readonly ReportScriptName[] = ['positive', 'neutral', 'negative', 'unscored'];

export function reportScriptFor(to: string): ReportScriptName {
  const digits = to.replace(/\D/g, '');
  const secondToLast = Number(digits.at(-2) ?? '0');
  return SCRIPT_BY_REMAINDER[secondToLast % 4]!;
}

export interface ScriptContext {
  leadName: string;
  greeting: string;
  /** Nominal seconds the person talked: the turns' `atSeconds` fall within them. */
  talkSeconds: number;
}

/** The body the runtime posts to the report URL (Dialwave's `POST /agent/report` contract). */
export interface SimulatedReport {
  transcript: { role: 'agent' | 'caller'; text: string; atSeconds: number }[];
  summary: string;
  sentiment?: 'positive' | 'neutral' | 'negative';
  successful?: boolean;
  data?: Record<string, unknown>;
}

interface Script {
  /** Alternating turns after the agent's greeting, the caller first. */
  turns: string[];
  summary: (name: string) => string;
  sentiment?: SimulatedReport['sentiment'];
  successful?: boolean;
  data?: Record<string, unknown>;
}

// Each script has words of its own ("solar panels", "brochure", "waste", "technician"), so a search for one
// finds exactly the calls of that script.
const SCRIPTS: Record<ReportScriptName, Script> = {
  positive: {
    turns: [
      "Oh great, thanks for calling! I've been meaning to look into solar panels.",
      'We can send an engineer to measure your roof this week. Would Thursday suit you?',
      'That sounds wonderful, yes please, Thursday is perfect.',
    ],
    summary: (name) => `${name} is keen on solar panels and booked a roof survey for Thursday.`,
    sentiment: 'positive',
    successful: true,
    data: { visitBooked: true, visitDay: 'Thursday', interest: 'high' },
  },
  neutral: {
    turns: [
      "I see. I'm not sure yet.",
      'No problem. Shall I send you a brochure with the prices?',
      'Email me the brochure and I will have a look.',
    ],
    summary: (name) => `${name} asked for the brochure by email; no decision yet.`,
    sentiment: 'neutral',
    successful: false,
    data: { brochureRequested: true, interest: 'unknown' },
  },
  negative: {
    turns: [
      'Stop calling me. This is a waste of my time.',
      "I'm sorry to hear that. I will make sure we don't call you again.",
      'I am not interested, and I hate these calls.',
    ],
    summary: (name) => `${name} is not interested and asked not to be called again.`,
    sentiment: 'negative',
    successful: false,
    data: { doNotCall: true, interest: 'none' },
  },
  unscored: {
    turns: [
      'I love the savings you describe, they are excellent.',
      'Thank you. Is there anything holding you back?',
      'Your last technician was rude and the install was awful.',
    ],
    summary: (name) => `${name} likes the savings but had a bad experience with our technician.`,
  },
};

/** The report a runtime would post for this call: the greeting, then the script's turns spread over the talk time. */
export function scriptedReport(name: ReportScriptName, context: ScriptContext): SimulatedReport {
  const script = SCRIPTS[name];
  const texts = [context.greeting, ...script.turns];
  const step = context.talkSeconds / texts.length;
  const transcript = texts.map((text, i) => ({
    role: i % 2 === 0 ? ('agent' as const) : ('caller' as const),
    text,
    atSeconds: Math.round(i * step * 10) / 10,
  }));
  return {
    transcript,
    summary: script.summary(context.leadName || 'The caller'),
    ...(script.sentiment ? { sentiment: script.sentiment } : {}),
    ...(script.successful === undefined ? {} : { successful: script.successful }),
    ...(script.data ? { data: script.data } : {}),
  };
}
