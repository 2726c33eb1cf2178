import { ZCallbackEntrySchema, ZTwilioRecordingCallbackSchema, type TCallbackEntry } from '@dialwave/contracts';
import {
  applyCallStatusBatch,
  isTerminalCallStatus,
  type CallStatusDeps,
  type CallStatusUpdate,
  type CallStatusUpdateResult,
} from '@dialwave/domain';
import type { CallTraceStore } from '@dialwave/telemetry';
import { recordCallRecording, type CallRecordingReport } from '../calls/call-recording';
import type { CallRepository } from '../calls/call.repository';
import type { IngestMetrics } from '../http/ingest-metrics';
import { parseSansPbxStatusCallback, toSansPbxStatusUpdate } from '../sanspbx/status-callback';
import { parseTwilioStatusCallback, toCallStatusUpdate } from '../twilio/status-callback';
import { startApplySpans } from './callback-traces';
import type { DeadLetter, StreamEntry } from './callback-streams';

export interface CallbackApplierDeps extends CallStatusDeps {
  calls: CallRepository;
  metrics: IngestMetrics;
  /** Set while tracing is on: each callback is applied in a span of the trace its call was dialed in. */
  callTraces?: CallTraceStore;
}

export interface ApplyReport {
  /** Applied, or settled without a change (duplicate, stale, unknown call, refused): acknowledge these. */
  settled: StreamEntry[];
  /** Entries that can never be applied (unreadable): dead-letter these. */
  unreadable: DeadLetter[];
}

/** A status callback read back from its entry; `callId` may still be missing (Twilio, found by CallSid). */
interface StatusWork {
  entry: StreamEntry;
  provider: 'twilio' | 'sanspbx';
  /** The carrier's status word: a metric label (it mapped to one of our statuses, so it is a known word). */
  label: string;
  callSid?: string;
  update: Omit<CallStatusUpdate, 'callId'> & { callId?: string };
}

interface RecordingWork {
  entry: StreamEntry;
  report: CallRecordingReport;
}

/**
 * Applies a batch of stored callbacks: status callbacks in one transaction through applyCallStatusBatch
 * (in stream order, so one call's callbacks apply in the order they arrived), then recording reports.
 * Throws only when the database did (the consumer retries the batch, or splits it to find the entry at
 * fault); anything about the entries themselves is a per-entry outcome.
 */
export async function applyCallbackEntries(deps: CallbackApplierDeps, entries: readonly StreamEntry[]): Promise<ApplyReport> {
  const settled: StreamEntry[] = [];
  const unreadable: DeadLetter[] = [];
  const statusWork: StatusWork[] = [];
  const recordingWork: RecordingWork[] = [];
  for (const entry of entries) {
    try {
      const work = readEntry(entry);
      if ('report' in work) recordingWork.push(work);
      else statusWork.push(work);
    } catch (err) {
      unreadable.push({ entry, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  const ready = await resolveCalls(deps, statusWork, settled);
  const updates = ready.map((work) => work.update as CallStatusUpdate);
  const results = deps.callTraces ? await applyTraced(deps, deps.callTraces, updates) : await applyCallStatusBatch(deps, updates);
  const redeliveredEnds: Promise<void>[] = [];
  results.forEach((result, i) => {
    const work = ready[i]!;
    const outcome = result.outcome === 'unknown-call' ? 'unknown' : result.outcome;
    deps.metrics.callbackApplied(work.provider, work.label, outcome, work.entry);
    if (result.outcome === 'applied' && result.call) deps.metrics.callStatusChanged(result.call.status);
    // A consumer that died between the commit and its publishes leaves a dialer job waiting for a wake-up
    // that this redelivery, now a duplicate, would not send: send it again (a spare wake-up is harmless).
    if (work.entry.deliveries > 1 && result.outcome === 'duplicate' && result.call && isTerminalCallStatus(result.call.status)) {
      redeliveredEnds.push(
        deps.events.publishCallEnded({
          callId: result.call.id,
          status: result.call.status,
          failureReason: result.call.failureReason,
          durationSeconds: result.call.durationSeconds,
        }),
      );
    }
    settled.push(work.entry);
  });
  await Promise.all(redeliveredEnds);

  for (const work of recordingWork) {
    const outcome = await recordCallRecording(deps, work.report);
    deps.metrics.callbackApplied(
      'twilio',
      'recording',
      outcome === 'unknown-call' ? 'unknown' : outcome === 'stored' ? 'applied' : 'duplicate',
      work.entry,
    );
    settled.push(work.entry);
  }
  return { settled, unreadable };
}

async function applyTraced(
  deps: CallbackApplierDeps,
  traces: CallTraceStore,
  updates: CallStatusUpdate[],
): Promise<CallStatusUpdateResult[]> {
  const spans = await startApplySpans(traces, updates);
  try {
    const results = await applyCallStatusBatch(deps, spans.updates);
    spans.end(results);
    return results;
  } catch (err) {
    spans.fail(err);
    throw err;
  }
}

function readEntry(entry: StreamEntry): StatusWork | RecordingWork {
  if (!entry.fields?.entry) throw new Error('the entry has no payload');
  const data: TCallbackEntry = ZCallbackEntrySchema.parse(JSON.parse(entry.fields.entry));
  const receivedAt = new Date(data.receivedAt);
  const raw = (typeof data.payload === 'object' && data.payload !== null ? data.payload : {}) as Record<string, unknown>;
  switch (data.kind) {
    case 'twilio-status': {
      const callback = parseTwilioStatusCallback(raw);
      const update = toCallStatusUpdate(data.callId ?? '', callback, raw, () => receivedAt);
      return {
        entry,
        provider: 'twilio',
        label: callback.twilioStatus,
        callSid: callback.params.CallSid,
        update: { ...update, callId: data.callId, receivedAt },
      };
    }
    case 'sanspbx-status': {
      if (!data.callId) throw new Error('a SansPBX callback entry needs its callId');
      const callback = parseSansPbxStatusCallback(raw);
      const label = callback.outcome.unknown ? 'unknown' : callback.outcome.word.toLowerCase();
      return { entry, provider: 'sanspbx', label, update: { ...toSansPbxStatusUpdate(data.callId, callback, data.payload), receivedAt } };
    }
    case 'twilio-recording': {
      if (!data.callId) throw new Error('a recording callback entry needs its callId');
      const params = ZTwilioRecordingCallbackSchema.parse(raw);
      return {
        entry,
        report: {
          callId: data.callId,
          recordingSid: params.RecordingSid,
          recordingStatus: params.RecordingStatus,
          raw,
          ...(params.RecordingUrl ? { recordingUrl: params.RecordingUrl } : {}),
          ...(params.RecordingDuration !== undefined ? { durationSeconds: params.RecordingDuration } : {}),
        },
      };
    }
  }
}

/**
 * Fills in the call id of Twilio callbacks that came without one (a number's own status callback, i.e. an
 * inbound call) and checks that SansPBX callbacks are about SansPBX calls: whoever holds SansPBX call
 * tokens (or the secret) must not be able to end or falsify a Twilio call. One query each per batch.
 * Entries that fail either check are settled here, not applied.
 */
async function resolveCalls(deps: CallbackApplierDeps, work: StatusWork[], settled: StreamEntry[]): Promise<StatusWork[]> {
  const missing = work.filter((w) => !w.update.callId && w.callSid).map((w) => w.callSid!);
  const bySid = await deps.calls.findCallIdsByProviderSids(missing);
  const sansPbxCallIds = work.filter((w) => w.provider === 'sanspbx').map((w) => w.update.callId!);
  const providers = await deps.calls.findProviders(sansPbxCallIds);
  const ready: StatusWork[] = [];
  for (const w of work) {
    const callId = w.update.callId ?? (w.callSid ? bySid.get(w.callSid) : undefined);
    if (!callId) {
      deps.logger.warn({ callSid: w.callSid, entryId: w.entry.id }, 'status callback without callId for an unknown CallSid');
      deps.metrics.callbackApplied(w.provider, w.label, 'unknown', w.entry);
      settled.push(w.entry);
      continue;
    }
    if (w.provider === 'sanspbx') {
      const provider = providers.get(callId);
      if (provider !== 'SANSPBX') {
        if (provider) deps.logger.warn({ callId, provider }, 'refused a SansPBX callback about a call of another provider');
        else deps.logger.warn({ callId }, 'SansPBX callback for an unknown call');
        deps.metrics.callbackApplied('sanspbx', w.label, provider ? 'refused' : 'unknown', w.entry);
        settled.push(w.entry);
        continue;
      }
      if (w.label === 'unknown') {
        deps.logger.warn({ callId, payload: w.update.raw }, 'SansPBX sent a disposition we do not know; failing the call');
      }
    }
    ready.push({ ...w, update: { ...w.update, callId } });
  }
  return ready;
}
