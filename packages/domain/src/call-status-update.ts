import { EVENT_NAMES, type TCallStatus } from '@dialwave/contracts';
import { Prisma, type Call, type Campaign, type DbTransaction } from '@dialwave/db';
import { canAdvanceCallStatus, isTerminalCallStatus, statusesBelow } from './call-status';
import { classifyCallOutcome } from './call-outcome';
import { publishCampaignEvent } from './campaign-events';
import type { CallStatusDeps } from './deps';

/** One observation of a call's status, from a provider callback, a dial result or reconciliation. */
export interface CallStatusUpdate {
  callId: string;
  status: TCallStatus;
  /** CallLog event name, e.g. `twilio:ringing`, `dial:failed`, `reconcile:completed`. */
  event: string;
  /** The provider's per-call sequence number; -1 when the provider has none. Deduplicates deliveries. */
  sequence?: number;
  providerCallSid?: string;
  durationSeconds?: number;
  answeredBy?: string;
  failureReason?: string;
  recordingUrl?: string;
  /**
   * When the provider says it happened. Twilio's Timestamp has whole-second precision, so it is kept in
   * the CallLog's details only; our own timestamps (answeredAt, endedAt, log time) are receipt times,
   * which keep the order in which we learned of each event.
   */
  occurredAt?: Date;
  details?: string;
  raw?: unknown;
}

export type CallStatusUpdateOutcome =
  /** The status moved forward. */
  | 'applied'
  /** The same event was delivered before; nothing changed. */
  | 'duplicate'
  /** Late or out of order (not above the current rank, or the call already ended): logged, not applied. */
  | 'stale'
  | 'unknown-call';

export interface CallStatusUpdateResult {
  outcome: CallStatusUpdateOutcome;
  call?: Call;
  campaign?: Campaign;
  campaignCompleted: boolean;
}

/**
 * The one writer of call status. In a single transaction it records the event (idempotent on
 * callId + event + sequence), advances the status only upwards, and, when the call ends, moves its
 * campaign's counters exactly once and completes the campaign exactly once. Events are published after
 * the commit, so a console never sees a state the database does not hold.
 */
export async function applyCallStatusUpdate(deps: CallStatusDeps, update: CallStatusUpdate): Promise<CallStatusUpdateResult> {
  const log = deps.logger.child({ callId: update.callId, event: update.event });
  const result = await deps.prisma.$transaction((tx) => applyInTransaction(tx, update));

  if (result.outcome === 'unknown-call') {
    log.warn('status update for an unknown call');
    return result;
  }
  const call = result.call!;
  const campaignLog = call.campaignId ? log.child({ campaignId: call.campaignId }) : log;
  if (result.outcome !== 'applied') {
    campaignLog.info({ outcome: result.outcome, status: update.status, current: call.status, sequence: update.sequence }, 'status update not applied');
    return result;
  }
  campaignLog.info({ status: call.status, durationSeconds: call.durationSeconds }, 'call status changed');
  if (result.campaignCompleted) campaignLog.info('campaign completed');
  try {
    await publishAfterCommit(deps, result);
  } catch (err) {
    // The change is committed; a redelivered callback would be a duplicate and publish nothing, so failing
    // the request would not help. Consoles refetch on reconnect, and a dialer job that misses the call-ended
    // signal reconciles at its deadline.
    campaignLog.error({ err }, 'failed to publish events for a committed status change');
  }
  return result;
}

async function publishAfterCommit(deps: CallStatusDeps, result: CallStatusUpdateResult): Promise<void> {
  const call = result.call!;
  // The dialer job waiting on this call goes first: it frees the campaign's slot for the next lead.
  if (isTerminalCallStatus(call.status)) {
    await deps.events.publishCallEnded({ callId: call.id, status: call.status, failureReason: call.failureReason });
  }
  await publishCallStatus(deps, call);
  if (result.campaign) {
    await publishCampaignEvent(
      deps.events,
      result.campaignCompleted ? EVENT_NAMES.campaignCompleted : EVENT_NAMES.campaignProgress,
      result.campaign,
    );
  }
}

async function applyInTransaction(tx: DbTransaction, update: CallStatusUpdate): Promise<CallStatusUpdateResult> {
  // Updates of one call are serialised on its row. Without this, two writers of the same call deadlock:
  // each CallLog insert takes a key-share lock on the call (foreign key), and setting providerCallSid (a
  // unique key) then needs the exclusive lock the other one's key-share blocks.
  await tx.$queryRaw`SELECT 1 AS locked FROM "Call" WHERE "id" = ${update.callId} FOR UPDATE`;
  const current = await tx.call.findUnique({ where: { id: update.callId } });
  if (!current) return { outcome: 'unknown-call', campaignCompleted: false };

  const sequence = update.sequence ?? -1;
  const advances = canAdvanceCallStatus(current.status, update.status);
  const inserted = await tx.callLog.createMany({
    data: [
      {
        callId: current.id,
        campaignId: current.campaignId,
        event: update.event,
        sequence,
        timestamp: new Date(),
        details: [
          advances ? (update.details ?? `${current.status} → ${update.status}`) : `ignored: ${update.status} after ${current.status}`,
          update.occurredAt ? `provider time ${update.occurredAt.toISOString()}` : undefined,
        ]
          .filter(Boolean)
          .join('; '),
        data: update.raw === undefined ? Prisma.JsonNull : (update.raw as Prisma.InputJsonValue),
      },
    ],
    skipDuplicates: true,
  });
  // The carrier's sid is kept even from an update that is otherwise stale: a callback can outrun the
  // dial response, which then arrives with the sid but nothing new to say about the status.
  if (update.providerCallSid && !current.providerCallSid) {
    await tx.call.updateMany({ where: { id: current.id, providerCallSid: null }, data: { providerCallSid: update.providerCallSid } });
  }
  if (inserted.count === 0) return { outcome: 'duplicate', call: current, campaignCompleted: false };
  if (!advances) return { outcome: 'stale', call: current, campaignCompleted: false };

  const terminal = isTerminalCallStatus(update.status);
  const now = new Date();
  // Conditional on the status still being below the new rank: a concurrent writer that got there first
  // wins, and this update becomes stale instead of moving the call backwards.
  const moved = await tx.call.updateMany({
    where: { id: current.id, status: { in: statusesBelow(update.status) } },
    data: {
      status: update.status,
      ...(update.answeredBy ? { answeredBy: update.answeredBy } : {}),
      ...(update.status === 'ANSWERED' || (update.status === 'COMPLETED' && !current.answeredAt && (update.durationSeconds ?? 0) > 0)
        ? { answeredAt: current.answeredAt ?? now }
        : {}),
      ...(terminal ? { endedAt: now, durationSeconds: update.durationSeconds ?? 0 } : {}),
      ...(update.failureReason ? { failureReason: update.failureReason } : {}),
      ...(update.recordingUrl ? { recordingUrl: update.recordingUrl } : {}),
      ...(update.sequence !== undefined && update.sequence >= 0 ? { lastSequence: update.sequence } : {}),
    },
  });
  if (moved.count === 0) return { outcome: 'stale', call: current, campaignCompleted: false };
  const call = await tx.call.findUniqueOrThrow({ where: { id: current.id } });
  if (call.leadId) await tx.lead.update({ where: { id: call.leadId }, data: { lastCallAt: now } });
  if (!terminal || !call.campaignId || !call.leadId) return { outcome: 'applied', call, campaignCompleted: false };

  const counted = await countTerminalCall(tx, call);
  return { outcome: 'applied', call, ...counted };
}

/**
 * Moves the campaign's counters for a lead whose call ended. The CampaignLead row's move to DONE is the
 * once-only guard: a second terminal event for the same lead finds it DONE and changes nothing.
 */
async function countTerminalCall(tx: DbTransaction, call: Call): Promise<{ campaign?: Campaign; campaignCompleted: boolean }> {
  const campaignId = call.campaignId!;
  // Only the lead's current call may close it: a late end of an older attempt must not finish a lead
  // that is being dialed again.
  const done = await tx.campaignLead.updateMany({
    where: { campaignId, leadId: call.leadId!, lastCallId: call.id, state: { not: 'DONE' } },
    data: { state: 'DONE', lastCallId: call.id },
  });
  if (done.count === 0) return { campaignCompleted: false };

  const outcome = classifyCallOutcome(call.status, call.durationSeconds);
  await tx.campaign.update({
    where: { id: campaignId },
    data: {
      completedLeads: { increment: 1 },
      ...(outcome === 'successful' ? { successfulCalls: { increment: 1 }, totalTalkSeconds: { increment: call.durationSeconds ?? 0 } } : {}),
      ...(outcome === 'missed' ? { missedCalls: { increment: 1 } } : {}),
      ...(outcome === 'failed' ? { failedCalls: { increment: 1 } } : {}),
    },
  });
  const completed = await tx.campaign.updateMany({
    where: { id: campaignId, status: { in: ['RUNNING', 'PAUSED'] }, completedLeads: { equals: tx.campaign.fields.totalLeads } },
    data: { status: 'COMPLETED', completedAt: new Date() },
  });
  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  return { campaign, campaignCompleted: completed.count === 1 };
}

async function publishCallStatus(deps: CallStatusDeps, call: Call): Promise<void> {
  const lead = call.leadId
    ? await deps.prisma.lead.findUnique({ where: { id: call.leadId }, select: { firstName: true, lastName: true } })
    : null;
  await deps.events.publish(call.userId, {
    type: EVENT_NAMES.callStatusUpdated,
    payload: {
      callId: call.id,
      campaignId: call.campaignId,
      leadName: lead ? [lead.firstName, lead.lastName].filter(Boolean).join(' ') : 'Unknown caller',
      phone: call.direction === 'OUTBOUND' ? call.toNumber : call.fromNumber,
      status: call.status,
      durationSeconds: call.durationSeconds,
      at: new Date().toISOString(),
    },
  });
}
