import type { TAnsweringMachineAction, TCallStatus, TVoipProvider } from '@dialwave/contracts';

export interface DialRequest {
  /** Our Call row id; carried in the callback URLs so a callback that outruns the dial response finds its call. */
  callId: string;
  to: string;
  from: string;
  /** The agent's caller id setting (digits), for carriers that take one apart from `from` (SansPBX). */
  callerId?: string | null;
  statusCallbackUrl: string;
  /** Twilio's TwiML webhook; carriers without one (SansPBX) ignore it. */
  answerUrl?: string;
  record: boolean;
  /**
   * What the campaign does when a machine answers; it decides how detection is asked for (Twilio
   * `MachineDetection`). Unset: no detection. Carriers without detection (SansPBX) ignore it.
   */
  answeringMachine?: TAnsweringMachineAction;
  timeoutSeconds: number;
  /** The agent's voice runtime, for carriers that stream a call where the dial says (SansPBX's websocket_url). */
  voiceRuntime?: VoiceRuntimeTarget;
}

export interface VoiceRuntimeTarget {
  /** The agent's voiceRuntimeUrl (wss://). */
  url: string;
  /** callId, leadName, greeting, reportUrl: what Twilio passes as `<Stream>` `<Parameter>`s. */
  parameters: Record<string, string>;
}

export interface DialResult {
  providerCallSid: string;
}

export interface ProviderCallStatus {
  status: TCallStatus;
  durationSeconds?: number;
  answeredBy?: string;
}

/** One carrier. Errors thrown by these methods are classified by classifyProviderError. */
export interface CallProvider {
  dial(req: DialRequest): Promise<DialResult>;
  fetchStatus(providerCallSid: string): Promise<ProviderCallStatus>;
  hangUp(providerCallSid: string): Promise<void>;
  /**
   * Inbound: takes a caller out of our waiting queue and connects them to the agent who accepted
   * (on Twilio, a TwiML redirect that dials the agent's client identity).
   */
  connectToAgent(providerCallSid: string, agent: AgentIdentity): Promise<void>;
  /** Starts recording a live call; the provider reports the finished recording to `recordingCallbackUrl`. */
  startRecording(providerCallSid: string, recordingCallbackUrl: string): Promise<void>;
  /**
   * Looks for a call the carrier placed from `from` to `to` since `since`: how a dialer that crashed with
   * its dial request on the wire learns whether the carrier took it. 'unknown' when the carrier cannot say.
   */
  findPlacedCall(query: PlacedCallQuery): Promise<DialResult | null | 'unknown'>;
}

export interface PlacedCallQuery {
  to: string;
  from: string;
  since: Date;
}

export interface AgentIdentity {
  id: string;
  name: string;
}

/** Picks the carrier for an agent's provider setting. */
export interface CallProviderRegistry {
  forProvider(provider: TVoipProvider): CallProvider;
}
