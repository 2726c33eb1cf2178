/** Queue names: the only place they are spelled. */
export const QUEUE_NAMES = {
  dial: 'dial',
  /** Periodic sweep that re-tops campaigns and reconciles calls that never reported an end; scheduled starts. */
  maintenance: 'dial-maintenance',
} as const;

export const JOB_NAMES = {
  dialLead: 'dial-lead',
  sweep: 'sweep',
  startCampaign: 'start-campaign',
} as const;

/** Redis pub/sub channel carrying one user's live events to the realtime gateway. */
export function userEventsChannel(userId: string): string {
  return `events:user:${userId}`;
}

/** Redis pub/sub channel on which a dialer job waits for its call to end. */
export function callEndedChannel(callId: string): string {
  return `call-ended:${callId}`;
}

/**
 * Redis pub/sub channel on which a service announces that Redis or Postgres came back (or that
 * webhook-ingest restarted): dialer jobs re-read their calls, since a wake-up may have been lost meanwhile.
 */
export function recoveryChannel(keyPrefix: string): string {
  return `${keyPrefix}:recovery`;
}

/** BullMQ refuses ':' in custom ids; this id makes a second enqueue of the same attempt a no-op. */
export function dialJobId(campaignId: string, leadId: string, attempt: number): string {
  return `${campaignId}-${leadId}-${attempt}`;
}

/** One start job per scheduled campaign. */
export function startCampaignJobId(campaignId: string): string {
  return `start-${campaignId}`;
}

export const EVENT_NAMES = {
  campaignStarted: 'campaign:started',
  campaignProgress: 'campaign:progress',
  campaignPaused: 'campaign:paused',
  campaignResumed: 'campaign:resumed',
  campaignCanceled: 'campaign:canceled',
  campaignCompleted: 'campaign:completed',
  callInitiated: 'call:initiated',
  callStatusUpdated: 'call:status-updated',
  incomingCall: 'incoming:call',
  callAnalyzed: 'call:analyzed',
} as const;

/** The gateway's own event (not a user event, so never accepted from Redis): the socket's token expired. */
export const SESSION_EXPIRED_EVENT = 'session:expired' as const;
