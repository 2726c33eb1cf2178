/** @jest-environment jsdom */
import '../test-support/jsdom-polyfills';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TAgent, TCall, TIncomingCallEvent, TPage } from '@dialwave/contracts';
import type { TCallWithLogs } from '../api/endpoints';
import { FakeReply } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

const AGENT_SALES = '0b6c8f6e-1111-4c1e-9d0a-000000000001';
const AGENT_SUPPORT = '0b6c8f6e-2222-4c1e-9d0a-000000000002';

function agent(id: string, name: string): TAgent {
  return {
    id,
    name,
    provider: 'SIMULATOR',
    fromNumber: '+15559990000',
    callerId: null,
    greeting: 'Hi',
    recordCalls: false,
    voiceRuntimeUrl: null,
    createdAt: '2026-11-01T00:00:00.000Z',
  };
}
const agents: TPage<TAgent> = { items: [agent(AGENT_SALES, 'Sales line'), agent(AGENT_SUPPORT, 'Support line')], nextCursor: null };

function ringing(callId: string, overrides: Partial<TIncomingCallEvent> = {}): TIncomingCallEvent {
  return {
    callId,
    phoneNumber: '+15550142',
    lead: { id: 'lead-1', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines Ltd', status: 'NEW' },
    history: [
      {
        callId: 'old-1',
        at: '2026-11-20T09:00:00.000Z',
        direction: 'OUTBOUND',
        status: 'COMPLETED',
        durationSeconds: 65,
        disposition: 'CALLBACK_REQUESTED',
        sentiment: 'positive',
      },
      {
        callId: 'old-2',
        at: '2026-11-18T09:00:00.000Z',
        direction: 'OUTBOUND',
        status: 'MISSED',
        durationSeconds: 0,
        disposition: null,
        sentiment: null,
      },
    ],
    lastSummary: null,
    suggestedAgent: { id: AGENT_SALES, name: 'Sales line' },
    ...overrides,
  };
}

function callRow(id: string, overrides: Partial<TCallWithLogs> = {}): TCallWithLogs {
  return {
    id,
    direction: 'INBOUND',
    status: 'ANSWERED',
    provider: 'SIMULATOR',
    providerCallSid: 'CA1',
    fromNumber: '+15550142',
    toNumber: '+15559990000',
    campaignId: null,
    leadId: 'lead-1',
    agentId: AGENT_SUPPORT,
    attempt: 1,
    answeredBy: null,
    answeredAt: new Date().toISOString(),
    endedAt: null,
    durationSeconds: null,
    failureReason: null,
    recordingUrl: null,
    disposition: null,
    notes: null,
    createdAt: new Date().toISOString(),
    logs: [],
    report: null,
    ...overrides,
  };
}

const statusEvent = (callId: string, status: TCall['status'], durationSeconds: number | null = null) => ({
  callId,
  campaignId: null,
  leadName: 'Ada Lovelace',
  phone: '+15550142',
  status,
  durationSeconds,
  at: new Date().toISOString(),
});

afterEach(() => localStorage.clear());

describe('incoming call modal', () => {
  it('shows who is calling and accepts with the agent picked in the modal', async () => {
    const { socket, api } = renderApp('/campaigns', {
      'GET /campaigns': { items: [], nextCursor: null },
      'GET /agents': agents,
      'POST /calls/k1/accept': callRow('k1'),
      'GET /calls/k1': callRow('k1'),
    });
    await screen.findByText(/No campaigns yet/);
    expect(screen.queryByTestId('incoming-call-modal')).toBeNull();

    act(() => socket.emit('incoming:call', ringing('k1')));
    const modal = await screen.findByRole('dialog');
    expect(within(modal).getByTestId('incoming-caller-name').textContent).toBe('Ada Lovelace');
    expect(within(modal).getByTestId('incoming-caller-phone').textContent).toBe('+15550142');
    expect(within(modal).getByTestId('incoming-caller-company').textContent).toContain('Analytical Engines Ltd');
    expect(within(modal).getByTestId('incoming-last-call').textContent).toMatch(/Outbound · Callback requested · 1m 05s/);
    expect(within(within(modal).getByTestId('incoming-history')).getAllByRole('row')).toHaveLength(3);
    expect(within(modal).getByTestId('ring-indicator')).toBeTruthy();
    expect(within(modal).queryByTestId('incoming-lead-warning')).toBeNull();

    const picker = within(modal).getByLabelText('Answer as') as HTMLSelectElement;
    await waitFor(() => expect(within(picker).getByRole('option', { name: 'Sales line (suggested)' })).toBeTruthy());
    expect(picker.value).toBe(AGENT_SALES);
    fireEvent.change(picker, { target: { value: AGENT_SUPPORT } });
    fireEvent.click(within(modal).getByRole('button', { name: 'Accept' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const accept = api.requests.find((r) => r.method === 'POST' && r.path === '/calls/k1/accept');
    expect(accept && JSON.parse(accept.body ?? '{}')).toEqual({ agentId: AGENT_SUPPORT });
    const panel = await screen.findByTestId('current-call');
    expect(within(panel).getByTestId('current-call-name').textContent).toBe('Ada Lovelace');
    expect(panel.getAttribute('data-phase')).toBe('live');
  });

  it('accepts for the suggested agent when nobody changes the picker', async () => {
    const { socket, api } = renderApp('/campaigns', {
      'GET /campaigns': { items: [], nextCursor: null },
      'GET /agents': agents,
      'POST /calls/k1/accept': callRow('k1'),
      'GET /calls/k1': callRow('k1'),
    });
    act(() => socket.emit('incoming:call', ringing('k1')));
    fireEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(api.requests.some((r) => r.path === '/calls/k1/accept')).toBe(true));
    expect(JSON.parse(api.requests.find((r) => r.path === '/calls/k1/accept')?.body ?? '{}')).toEqual({ agentId: AGENT_SALES });
  });

  it('names an unknown caller and warns about a do-not-call lead', async () => {
    const { socket } = renderApp('/campaigns', { 'GET /campaigns': { items: [], nextCursor: null }, 'GET /agents': agents });
    act(() => socket.emit('incoming:call', ringing('k1', { lead: null, history: [], suggestedAgent: null })));
    const modal = await screen.findByRole('dialog');
    expect(within(modal).getByTestId('incoming-caller-name').textContent).toBe('Unknown caller');
    expect(within(modal).getByTestId('incoming-last-call').textContent).toBe('First call from this number.');
    expect((within(modal).getByLabelText('Answer as') as HTMLSelectElement).value).toBe('');

    act(() =>
      socket.emit(
        'incoming:call',
        ringing('k2', { lead: { id: 'l2', firstName: 'Bob', lastName: null, company: null, status: 'DO_NOT_CALL' } }),
      ),
    );
    act(() => socket.emit('call:status-updated', statusEvent('k1', 'CANCELED')));
    const next = await screen.findByRole('dialog');
    await waitFor(() => expect(within(next).getByTestId('incoming-caller-name').textContent).toBe('Bob'));
    expect(within(next).getByTestId('incoming-lead-warning').textContent).toMatch(/do not call/i);
  });

  it('queues calls, shows how many wait, and closes a call when its caller hangs up', async () => {
    const { socket } = renderApp('/campaigns', { 'GET /campaigns': { items: [], nextCursor: null }, 'GET /agents': agents });
    act(() => {
      socket.emit('incoming:call', ringing('k1'));
      socket.emit('incoming:call', ringing('k2', { phoneNumber: '+15550999', lead: null }));
      socket.emit('incoming:call', ringing('k3', { phoneNumber: '+15550777', lead: null }));
    });
    const modal = await screen.findByRole('dialog');
    expect(modal.getAttribute('data-call-id')).toBe('k1');
    expect(within(modal).getByTestId('incoming-waiting').textContent).toBe('+2 waiting');

    act(() => socket.emit('call:status-updated', statusEvent('k1', 'RINGING')));
    expect(screen.getByRole('dialog').getAttribute('data-call-id')).toBe('k1');
    act(() => socket.emit('call:status-updated', statusEvent('k1', 'COMPLETED', 0)));
    await waitFor(() => expect(screen.getByRole('dialog').getAttribute('data-call-id')).toBe('k2'));
    expect(screen.getByTestId('incoming-waiting').textContent).toBe('+1 waiting');

    fireEvent.click(screen.getByRole('button', { name: 'Hide this call' }));
    await waitFor(() => expect(screen.getByRole('dialog').getAttribute('data-call-id')).toBe('k3'));
    expect(screen.queryByTestId('incoming-waiting')).toBeNull();
    act(() => socket.emit('call:status-updated', statusEvent('k3', 'MISSED', 0)));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('rejects with the reason typed inline', async () => {
    const { socket, api } = renderApp('/campaigns', {
      'GET /campaigns': { items: [], nextCursor: null },
      'GET /agents': agents,
      'POST /calls/k1/reject': callRow('k1', { status: 'CANCELED' }),
    });
    act(() => socket.emit('incoming:call', ringing('k1')));
    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    fireEvent.change(screen.getByLabelText('Reason (optional)'), { target: { value: 'in a meeting' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm reject' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(api.requests.find((r) => r.path === '/calls/k1/reject')?.body ?? '{}')).toEqual({ reason: 'in a meeting' });
    expect(screen.queryByTestId('current-call')).toBeNull();
  });

  it('shows an API error inline and keeps the call on screen', async () => {
    const { socket } = renderApp('/campaigns', {
      'GET /campaigns': { items: [], nextCursor: null },
      'GET /agents': agents,
      'POST /calls/k1/accept': new FakeReply(409, { error: { code: 'CONFLICT', message: 'The caller already hung up' } }),
    });
    act(() => socket.emit('incoming:call', ringing('k1')));
    fireEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    expect((await screen.findByTestId('incoming-error')).textContent).toBe('The caller already hung up');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(screen.queryByTestId('current-call')).toBeNull();
  });

  it('after an accepted call ends, its panel takes the disposition', async () => {
    let status: TCall['status'] = 'ANSWERED';
    const { socket, api } = renderApp('/campaigns', {
      'GET /campaigns': { items: [], nextCursor: null },
      'GET /agents': agents,
      'POST /calls/k1/accept': callRow('k1'),
      'GET /calls/k1': () =>
        callRow('k1', status === 'COMPLETED' ? { status, durationSeconds: 42, endedAt: new Date().toISOString() } : {}),
      'POST /calls/k1/disposition': (req: { body: string | null }) =>
        callRow('k1', { status: 'COMPLETED', ...JSON.parse(req.body ?? '{}') }),
    });
    act(() => socket.emit('incoming:call', ringing('k1')));
    fireEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    const panel = await screen.findByTestId('current-call');
    expect(within(panel).queryByTestId('disposition-form')).toBeNull();

    status = 'COMPLETED';
    act(() => socket.emit('call:status-updated', statusEvent('k1', 'COMPLETED', 42)));
    await waitFor(() => expect(panel.getAttribute('data-phase')).toBe('ended'));
    expect(within(panel).getByTestId('current-call-timer').textContent).toBe('42s');

    fireEvent.change(within(panel).getByLabelText('Disposition'), { target: { value: 'INTERESTED' } });
    fireEvent.change(within(panel).getByLabelText('Notes'), { target: { value: ' wants a demo ' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save disposition' }));
    expect((await within(panel).findByTestId('disposition-saved')).textContent).toBe('Saved: Interested');
    expect(JSON.parse(api.requests.find((r) => r.path === '/calls/k1/disposition')?.body ?? '{}')).toEqual({
      disposition: 'INTERESTED',
      notes: 'wants a demo',
    });
  });
});
