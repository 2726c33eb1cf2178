import { XMLParser } from 'fast-xml-parser';

/*
 * What an answering machine does with the TwiML Twilio fetched for it, in nominal seconds. With synchronous
 * machine detection Twilio holds the call until the answer URL replies, then runs the TwiML against the
 * machine: a `<Hangup/>` before anything is said ends the call at once; with DetectMessageEnd the TwiML
 * starts after the beep, so what it says is recorded as the voicemail and the call lasts that long.
 * https://www.twilio.com/docs/voice/answering-machine-detection
 */

/** Nominal seconds a machine's greeting lasts before the beep (DetectMessageEnd reports the answer then). */
export const MACHINE_GREETING_SECONDS = 4;
/** Speaking rate of `<Say>`: 150 words a minute. */
const WORDS_PER_SECOND = 2.5;

export type MachineTwiml =
  /** The call is hung up before a word is said. */
  | { kind: 'hangup' }
  /** The TwiML speaks for this many nominal seconds (its `<Say>`s and `<Pause>`s), then hangs up. */
  | { kind: 'message'; seconds: number };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });

type Node = Record<string, unknown> & { ':@'?: Record<string, unknown> };

/** Reads TwiML as a machine hears it; undefined for a document that is not TwiML. */
export function readMachineTwiml(twiml: string): MachineTwiml | undefined {
  let nodes: Node[];
  try {
    nodes = parser.parse(twiml) as Node[];
  } catch {
    return undefined;
  }
  const response = nodes.find((node) => 'Response' in node)?.Response as Node[] | undefined;
  if (!Array.isArray(response)) return undefined;
  let seconds = 0;
  for (const verb of response) {
    if ('Hangup' in verb) return seconds === 0 ? { kind: 'hangup' } : { kind: 'message', seconds };
    if ('Say' in verb) seconds += spokenSeconds(textOf(verb.Say));
    if ('Pause' in verb) seconds += Number(verb[':@']?.length ?? 1) || 1;
  }
  return seconds === 0 ? { kind: 'hangup' } : { kind: 'message', seconds };
}

function spokenSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / WORDS_PER_SECOND));
}

function textOf(children: unknown): string {
  if (!Array.isArray(children)) return '';
  return children.map((child) => String((child as Node)['#text'] ?? '')).join(' ');
}
