/** @jest-environment jsdom */
import '../test-support/jsdom-polyfills';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TCall, TCampaignWithStats, TCallLog, TPage } from '@dialwave/contracts';
import type { RecordedRequest } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';
import { NO_ANALYSIS } from '../test-support/analysis-fixtures';
import { DEFAULT_DIALING_SETTINGS, NO_WAIT_STATS } from '../test-support/dialing-fixtures';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

function campaign(overrides: Partial<TCampaignWithStats> = {}): TCampaignWithStats {
  const counters = { totalLeads: 40, completedLeads: 23, successfulCalls: 18, failedCalls: 2, missedCalls: 3 };
  return {
    id: 'c1',
    name: 'Spring outreach',
    agentId: 'a1',
    status: 'RUNNING',
    maxConcurrentCalls: 5,
    totalTalkSeconds: 81,
    createdAt: at(0),
    startedAt: at(0),
    completedAt: null,
    ...counters,
    ...DEFAULT_DIALING_SETTINGS,
    stats: { ...counters, averageDuration: 65, successRate: 0.7826, activeCalls: 1, analysis: NO_ANALYSIS, ...NO_WAIT_STATS },
    ...overrides,
  };
}

function call(id: string, status: TCall['status'], durationSeconds: number | null): TCall {
  return {
    id,
    direction: 'OUTBOUND',
    status,
    provider: 'SIMULATOR',
    providerCallSid: null,
    fromNumber: '+15550000',
    toNumber: `+1555010${id}`,
    campaignId: 'c1',
    leadId: `l${id}`,
    agentId: 'a1',
    attempt: 1,
    answeredBy: null,
    answeredAt: null,
    endedAt: at(5),
    durationSeconds,
    failureReason: null,
    recordingUrl: null,
    disposition: null,
    notes: null,
    createdAt: at(1),
  };
}

function renderDashboard(routes: Record<string, unknown>) {
  return renderApp('/campaigns/c1', {
    'GET /campaigns/c1/calls': (req: RecordedRequest): TPage<TCall> => {
      const calls = [call('1', 'RINGING', null), call('2', 'COMPLETED', 4)];
      const status = req.query.get('status');
      return { items: calls.filter((c) => !status || c.status === status), nextCursor: null };
    },
    'GET /call-logs/c1': (): TPage<TCallLog> => ({
      items: [
        {
          id: 'log1',
          callId: '2',
          campaignId: 'c1',
          event: 'twilio:completed',
          timestamp: at(5),
          details: 'ANSWERED → COMPLETED',
          data: null,
        },
      ],
      nextCursor: null,
    }),
    ...routes,
  });
}

afterEach(() => {
  localStorage.clear();
});

describe('Campaign Live Dashboard', () => {
  it('shows the campaign counters read from the API', async () => {
    const { api } = renderDashboard({ 'GET /campaigns/c1': campaign() });

    expect(await screen.findByTestId('progress-count')).toHaveProperty('textContent', '23/40');
    expect(screen.getByTestId('progress-percent').textContent).toBe('57%');
    expect(screen.getByTestId('success-rate').textContent).toBe('78%');
    expect(screen.getByTestId('success-ratio').textContent).toBe('18/23');
    expect(screen.getByTestId('successful-count').textContent).toBe('18');
    expect(screen.getByTestId('failed-count').textContent).toBe('2');
    expect(screen.getByTestId('missed-count').textContent).toBe('3');
    expect(screen.getByTestId('average-duration').textContent).toBe('1m 05s');
    expect(screen.getByTestId('progress-bar').getAttribute('aria-valuenow')).toBe('57');
    expect(api.requests.every((r) => r.auth === 'Bearer token-1')).toBe(true);
  });

  it('lists the calls in flight and the execution log', async () => {
    renderDashboard({ 'GET /campaigns/c1': campaign() });
    const live = await screen.findByTestId('live-calls');
    expect(
      within(live)
        .getAllByTestId('live-call-row')
        .map((row) => row.getAttribute('data-status')),
    ).toEqual(['RINGING']);
    expect(within(live).getByText('+15550101')).toBeTruthy();
    const log = await screen.findByTestId('execution-log');
    expect(log.querySelector('[data-status="COMPLETED"]')).not.toBeNull();
  });

  it('moves the counters and the live list on socket events without asking the API', async () => {
    const { socket, api } = renderDashboard({ 'GET /campaigns/c1': campaign() });
    await screen.findByTestId('progress-count');
    const campaignReads = () => api.requests.filter((r) => r.path === '/campaigns/c1').length;
    const readsBefore = campaignReads();
    act(() => {
      socket.emit('call:initiated', {
        callId: 'k9',
        campaignId: 'c1',
        leadName: 'Grace Hopper',
        phone: '+15550199',
        status: 'INITIATED',
        at: new Date().toISOString(),
      });
    });
    expect(await screen.findByText('Grace Hopper')).toBeTruthy();

    act(() => {
      socket.emit('call:status-updated', {
        callId: 'k9',
        campaignId: 'c1',
        leadName: 'Grace Hopper',
        phone: '+15550199',
        status: 'COMPLETED',
        durationSeconds: 7,
        at: new Date().toISOString(),
      });
      socket.emit('campaign:progress', {
        campaignId: 'c1',
        status: 'RUNNING',
        totalLeads: 40,
        completedLeads: 24,
        successfulCalls: 19,
        failedCalls: 2,
        missedCalls: 3,
        at: new Date().toISOString(),
      });
    });
    await waitFor(() => expect(screen.getByTestId('progress-count').textContent).toBe('24/40'));
    expect(campaignReads()).toBe(readsBefore);
    expect(screen.getByTestId('success-ratio').textContent).toBe('19/24');
    expect(screen.getByTestId('successful-count').textContent).toBe('19');
    expect(screen.queryByText('Grace Hopper', { selector: 'a' })).toBeNull();
    expect(within(screen.getByTestId('execution-log')).getByText('Grace Hopper · +15550199')).toBeTruthy();
  });

  it('links the recording of a recorded call once, on the log row that ended it', async () => {
    renderDashboard({
      'GET /campaigns/c1': campaign(),
      'GET /campaigns/c1/calls': (): TPage<TCall> => ({
        items: [{ ...call('2', 'COMPLETED', 4), recordingUrl: 'https://recordings.example/2.mp3' }],
        nextCursor: null,
      }),
      'GET /call-logs/c1': (): TPage<TCallLog> => ({
        items: [
          {
            id: 'log0',
            callId: '2',
            campaignId: 'c1',
            event: 'twilio:in-progress',
            timestamp: at(2),
            details: 'RINGING → ANSWERED',
            data: null,
          },
          {
            id: 'log1',
            callId: '2',
            campaignId: 'c1',
            event: 'twilio:completed',
            timestamp: at(5),
            details: 'ANSWERED → COMPLETED',
            data: null,
          },
        ],
        nextCursor: null,
      }),
    });
    const log = await screen.findByTestId('execution-log');
    const links = within(log).getAllByTestId('recording-link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://recordings.example/2.mp3']);
    expect(links[0]?.closest('li')?.getAttribute('data-status')).toBe('COMPLETED');
  });

  it('re-reads everything when the socket reconnects', async () => {
    let reads = 0;
    const { socket } = renderDashboard({
      'GET /campaigns/c1': () => {
        reads += 1;
        return campaign(reads > 1 ? { stats: { ...campaign().stats, completedLeads: 30 } } : {});
      },
    });
    await screen.findByTestId('progress-count');
    act(() => socket.emit('connect'));
    await waitFor(() => expect(screen.getByTestId('progress-count').textContent).toBe('30/40'));
  });

  it('enables the controls that fit the status and shows the pending state while pausing', async () => {
    let release: () => void = () => {};
    const paused = new Promise<void>((resolve) => (release = resolve));
    const { api } = renderDashboard({
      'GET /campaigns/c1': campaign(),
      'PATCH /campaigns/c1/pause': async () => {
        await paused;
        return campaign({ status: 'PAUSED' });
      },
    });
    const pause = (await screen.findByTestId('campaign-pause')) as HTMLButtonElement;
    const resume = screen.getByTestId('campaign-resume') as HTMLButtonElement;
    const cancel = screen.getByTestId('campaign-cancel') as HTMLButtonElement;
    expect([pause.disabled, resume.disabled, cancel.disabled]).toEqual([false, true, false]);

    fireEvent.click(pause);
    await waitFor(() => expect(pause.textContent).toBe('Pausing…'));
    expect([pause.disabled, resume.disabled, cancel.disabled]).toEqual([true, true, true]);

    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('campaign-status').getAttribute('data-status')).toBe('PAUSED'));
    expect([pause.disabled, resume.disabled, cancel.disabled]).toEqual([true, false, false]);
    expect(api.requests.some((r) => r.method === 'PATCH' && r.path === '/campaigns/c1/pause')).toBe(true);
  });

  it('disables every control once the campaign has completed', async () => {
    renderDashboard({ 'GET /campaigns/c1': campaign({ status: 'COMPLETED' }) });
    const pause = (await screen.findByTestId('campaign-pause')) as HTMLButtonElement;
    expect(pause.disabled).toBe(true);
    expect((screen.getByTestId('campaign-resume') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('campaign-cancel') as HTMLButtonElement).disabled).toBe(true);
  });
});
