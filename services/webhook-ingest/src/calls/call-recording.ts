import { Prisma } from '@dialwave/db';
import type { CallStatusDeps } from '@dialwave/domain';

export interface CallRecordingReport {
  callId: string;
  /** The carrier's recording id; a redelivered report of the same recording changes nothing. */
  recordingSid: string;
  recordingUrl?: string;
  /** The carrier's word: `completed`, `failed`, `absent`. Only a completed recording has a URL to keep. */
  recordingStatus: string;
  durationSeconds?: number;
  raw?: unknown;
}

export type CallRecordingOutcome = 'stored' | 'duplicate' | 'unknown-call';

/**
 * Keeps a finished recording's URL on its call and logs `recording:<status>` once per recording. Not a
 * status change, so it does not go through applyCallStatusUpdate; it takes the same row lock, so it never
 * races a status write of the same call.
 */
export async function recordCallRecording(deps: CallStatusDeps, report: CallRecordingReport): Promise<CallRecordingOutcome> {
  const status = report.recordingStatus.trim().toLowerCase() || 'completed';
  const event = `recording:${status}`;
  const outcome = await deps.prisma.$transaction(async (tx): Promise<CallRecordingOutcome> => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Call" WHERE "id" = ${report.callId} FOR UPDATE`;
    if (locked.length === 0) return 'unknown-call';
    const seen = await tx.callLog.count({ where: { callId: report.callId, event, details: report.recordingSid } });
    if (seen > 0) return 'duplicate';
    const call = await tx.call.findUniqueOrThrow({ where: { id: report.callId }, select: { campaignId: true } });
    await tx.callLog.create({
      data: {
        callId: report.callId,
        campaignId: call.campaignId,
        event,
        // One row per recording: the sequence slot of the (callId, event, sequence) key counts recordings.
        sequence: await tx.callLog.count({ where: { callId: report.callId, event } }),
        details: report.recordingSid,
        data: report.raw === undefined ? Prisma.JsonNull : (report.raw as Prisma.InputJsonValue),
      },
    });
    if (status === 'completed' && report.recordingUrl) {
      await tx.call.update({ where: { id: report.callId }, data: { recordingUrl: report.recordingUrl } });
    }
    return 'stored';
  });
  const log = deps.logger.child({ callId: report.callId, recordingSid: report.recordingSid });
  if (outcome === 'unknown-call') log.warn('recording report for an unknown call');
  else log.info({ outcome, recordingStatus: status, durationSeconds: report.durationSeconds }, 'recording report');
  return outcome;
}
