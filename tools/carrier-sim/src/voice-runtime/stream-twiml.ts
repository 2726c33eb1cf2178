import { XMLParser } from 'fast-xml-parser';

/** What `<Connect><Stream url=…>` asks for: where the media stream goes and its `<Parameter>`s. */
export interface StreamRequest {
  url: string;
  parameters: Record<string, string>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'Parameter' || name === 'Connect' || name === 'Stream',
});

interface ParsedTwiml {
  Response?: { Connect?: { Stream?: { url?: unknown; Parameter?: { name?: unknown; value?: unknown }[] }[] }[] };
}

/**
 * Reads a TwiML document the way Twilio does for `<Connect><Stream>`: the first stream of the first
 * `<Connect>`, with its custom parameters (entities decoded). Anything else (a greeting, a hang-up, a
 * document that is not XML) is not a stream: undefined.
 * https://www.twilio.com/docs/voice/twiml/stream#custom-parameters
 */
export function readStreamTwiml(twiml: string): StreamRequest | undefined {
  let parsed: ParsedTwiml;
  try {
    parsed = parser.parse(twiml) as ParsedTwiml;
  } catch {
    return undefined;
  }
  const stream = parsed.Response?.Connect?.[0]?.Stream?.[0];
  if (!stream || typeof stream.url !== 'string') return undefined;
  const parameters: Record<string, string> = {};
  for (const parameter of stream.Parameter ?? []) {
    if (typeof parameter.name === 'string') parameters[parameter.name] = String(parameter.value ?? '');
  }
  return { url: stream.url, parameters };
}
