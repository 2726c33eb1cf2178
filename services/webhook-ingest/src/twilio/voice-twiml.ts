import twilio from 'twilio';
import { isMachineAnsweredBy, type TAnsweringMachineAction } from '@dialwave/contracts';

export interface VoiceScript {
  greeting: string;
  recordCalls: boolean;
  /** The campaign's answering-machine handling; absent for calls outside campaigns. */
  answeringMachine?: { action: TAnsweringMachineAction; message: string | null };
  /** The agent's voice runtime (wss://); when set, the call is streamed to it instead of greeted. */
  voiceRuntimeUrl: string | null;
  /** The lead's full name, for the runtime to address them by. */
  leadName: string;
}

/** What the voice runtime receives in the stream's `start` message (`customParameters`). */
export interface VoiceRuntimeParameters {
  callId: string;
  leadName: string;
  greeting: string;
  /** Where the runtime posts its end-of-call report (docs: README, "Voice runtimes"). */
  reportUrl: string;
}

/**
 * TwiML that hands an answered call to the agent's voice runtime: `<Connect><Stream>` opens a bidirectional
 * media stream to it, with the call's particulars as `<Parameter>`s (Twilio passes them to the runtime in
 * the stream's `start` message). The call lasts as long as the runtime keeps the stream open.
 * https://www.twilio.com/docs/voice/twiml/stream
 */
export function voiceRuntimeTwiml(runtimeUrl: string, parameters: VoiceRuntimeParameters): string {
  const response = new twilio.twiml.VoiceResponse();
  const stream = response.connect().stream({ url: runtimeUrl });
  for (const [name, value] of Object.entries(parameters)) stream.parameter({ name, value });
  return response.toString();
}

/**
 * What a machine hears, when the campaign does not let it hear the agent. Twilio's synchronous machine
 * detection says who answered in `AnsweredBy` (https://www.twilio.com/docs/voice/answering-machine-detection):
 * with `hangup` a machine is hung up on at once; with `voicemail` (asked with DetectMessageEnd, so
 * `AnsweredBy` arrives once the greeting has ended: `machine_end_beep`) it records the campaign's message.
 * Undefined for a person, and for `continue`: the call goes on as for a person.
 */
export function machineAnswerTwiml(script: VoiceScript, answeredBy: string | undefined): string | undefined {
  const machine = script.answeringMachine;
  if (!machine || !isMachineAnsweredBy(answeredBy)) return undefined;
  const response = new twilio.twiml.VoiceResponse();
  if (machine.action === 'hangup') {
    response.hangup();
    return response.toString();
  }
  if (machine.action === 'voicemail' && machine.message) {
    response.say(machine.message);
    response.hangup();
    return response.toString();
  }
  return undefined;
}

/**
 * TwiML for an answered outbound call: the agent's greeting, then either a recording of what the lead says
 * or a short pause and hang-up. Built with the SDK so the greeting is XML-escaped, whatever it contains.
 */
export function answeredCallTwiml(script: VoiceScript, recordingDoneUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(script.greeting);
  if (script.recordCalls) {
    // Without `action`, Twilio requests the current document again once recording stops, which would greet
    // the lead a second time; the action URL answers with a hang-up instead.
    response.record({ action: recordingDoneUrl, method: 'POST', playBeep: false });
  } else {
    response.pause({ length: 1 });
  }
  response.hangup();
  return response.toString();
}

/** For a call we have no record of: never leave the person on the line in silence. */
export function unknownCallTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say('Sorry, we cannot take this call right now. Goodbye.');
  response.hangup();
  return response.toString();
}

export function hangupTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}

/** Twilio accepts an empty `<Response/>` as the answer to a status callback. */
export function emptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}

/** The queue an inbound caller waits in until an agent accepts (by call sid, so the name is only a label). */
export function inboundQueueName(agentId: string): string {
  return `agent-${agentId}`;
}

/**
 * TwiML for an inbound call we will take: the agent's greeting, then the caller waits in the agent's queue
 * (hold music) until an agent accepts and we redirect the call. Built with the SDK, so nothing is
 * concatenated: no caller-supplied text is used, and the greeting is escaped whatever it contains.
 */
export function inboundWaitTwiml(greeting: string, queueName: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(greeting);
  response.enqueue(queueName);
  return response.toString();
}

/** For a call to a number no agent owns. */
export function numberNotInServiceTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say('Sorry, the number you have called is not available. Goodbye.');
  response.hangup();
  return response.toString();
}
