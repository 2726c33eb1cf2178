import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import twilio from 'twilio';
import { startCarrierSim, DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN, type RunningCarrierSim } from '@dialwave/carrier-sim';
import { applyCallStatusUpdate, mapTwilioCallStatus } from '@dialwave/domain';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DialerHarness } from '../testing/dialer-harness';
import { buildProviderRegistry } from '@dialwave/providers';

let db: TestDatabase;
let harness: DialerHarness;
let sim: RunningCarrierSim;
let receiver: Server;
let receiverUrl: string;
const rejectedSignatures: string[] = [];

/**
 * A tiny stand-in for webhook-ingest: verifies the simulator's signature and applies each callback with
 * the domain's one status writer, as the real service does.
 */
async function startStatusReceiver(): Promise<void> {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post('/twilio/status', (req, res, next) => {
    const url = `${receiverUrl}${req.originalUrl}`;
    if (!twilio.validateRequest(DEV_TWILIO_AUTH_TOKEN, req.get('x-twilio-signature') ?? '', url, req.body as Record<string, string>)) {
      rejectedSignatures.push(url);
      res.status(403).end();
      return;
    }
    const callback = req.body as Record<string, string | undefined>;
    const status = mapTwilioCallStatus(callback.CallStatus ?? '');
    if (!status) {
      res.status(200).end();
      return;
    }
    applyCallStatusUpdate(harness.campaignDeps, {
      callId: String(req.query.callId),
      status,
      event: `twilio:${callback.CallStatus}`,
      providerCallSid: callback.CallSid,
      ...(callback.SequenceNumber !== undefined ? { sequence: Number(callback.SequenceNumber) } : {}),
      ...(callback.CallDuration !== undefined ? { durationSeconds: Number(callback.CallDuration) } : {}),
      ...(callback.AnsweredBy ? { answeredBy: callback.AnsweredBy } : {}),
    })
      .then(() => res.status(200).end())
      .catch(next);
  });
  receiver = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => receiver.once('listening', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  sim = await startCarrierSim({ timeScale: 0.01 });
  await startStatusReceiver();
  harness = new DialerHarness(db);
});

afterAll(async () => {
  await harness.close();
  await sim.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await db.drop();
});

describe('dialing through the real Twilio provider against the carrier simulator', () => {
  it('places every call once and ends each lead as the simulator’s number table says', async () => {
    const providers = buildProviderRegistry({
      twilioAccountSid: DEV_TWILIO_ACCOUNT_SID,
      twilioAuthToken: DEV_TWILIO_AUTH_TOKEN,
      simulatorUrl: sim.url,
    });
    const dialer = harness.addDialer({ publicWebhookUrl: receiverUrl }, providers);
    await dialer.workers.start();
    // Last digit decides the outcome: 1 answered (talk 2 + 3 s), 5 machine, 6 no-answer, 7 busy, 8 failed, 9 refused.
    const { campaignId, leads } = await harness.seedCampaign({
      phones: ['+14155550131', '+14155550105', '+14155550106', '+14155550107', '+14155550108', '+14155550109'],
      maxConcurrentCalls: 3,
    });

    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', {
      what: 'the campaign to complete',
      timeoutMs: 20_000,
    });
    const calls = await db.prisma.call.findMany({ where: { campaignId } });
    const byPhone = Object.fromEntries(calls.map((call) => [call.toNumber, call]));
    expect(calls).toHaveLength(6);
    expect(byPhone['+14155550131']).toMatchObject({ status: 'COMPLETED', durationSeconds: 5, answeredBy: 'human' });
    expect(byPhone['+14155550105']).toMatchObject({ status: 'COMPLETED', answeredBy: 'machine_start' });
    expect(byPhone['+14155550106']).toMatchObject({ status: 'MISSED', durationSeconds: 0 });
    expect(byPhone['+14155550107']).toMatchObject({ status: 'BUSY' });
    expect(byPhone['+14155550108']).toMatchObject({ status: 'FAILED' });
    expect(byPhone['+14155550109']).toMatchObject({ status: 'FAILED', providerCallSid: null });
    expect(byPhone['+14155550109']!.failureReason).toMatch(/^provider error 21211: /);
    expect(rejectedSignatures).toEqual([]);

    // The job fails just after its call completed the campaign: wait for BullMQ to record it.
    const refusedJob = await waitFor(async () => {
      const job = await harness.campaignDeps.dialQueue.getJob(`${campaignId}-${leads[5]!.id}-1`);
      return job?.failedReason ? job : undefined;
    }, { what: 'the refused dial job to fail' });
    expect(refusedJob.failedReason).toBe(byPhone['+14155550109']!.failureReason);
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      completedLeads: 6,
      successfulCalls: 2,
      missedCalls: 2,
      failedCalls: 2,
    });
  });
});
