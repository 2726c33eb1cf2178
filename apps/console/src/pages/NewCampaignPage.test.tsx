/** @jest-environment jsdom */
import '../test-support/jsdom-polyfills';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { TAgent, TLead, TPage } from '@dialwave/contracts';
import { FakeReply } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => localStorage.clear());

const agent: TAgent = {
  id: 'a1',
  name: 'Sim agent',
  provider: 'SIMULATOR',
  fromNumber: '+15550000',
  callerId: null,
  greeting: 'Hi',
  recordCalls: false,
  voiceRuntimeUrl: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const lead = (id: string, firstName: string): TLead => ({
  id,
  firstName,
  lastName: null,
  phone: `+1555010${id}`,
  email: null,
  company: null,
  timezone: null,
  status: 'NEW',
  source: 'IMPORT',
  lastCallAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const leads: TPage<TLead> = { items: [lead('1', 'Ada'), lead('2', 'Bob')], nextCursor: null };

function fillBasics(name: string, concurrency: string) {
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('Concurrent calls (1–100)'), { target: { value: concurrency } });
}

/** What the form sends when its dialing settings are left as they are: every day 09:00–20:00, one attempt. */
const DEFAULT_DIALING = {
  schedule: {
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }],
  },
  retry: { maxAttempts: 1, delaySeconds: 3600, on: ['BUSY', 'MISSED'] },
  answeringMachine: { action: 'continue' },
};

describe('New campaign page', () => {
  it('starts a campaign on every lead with "select all" and opens its dashboard', async () => {
    const { api } = renderApp('/campaigns/new', {
      'GET /agents': { items: [agent], nextCursor: null },
      'GET /leads': leads,
      'POST /campaigns': { campaignId: 'c9', status: 'RUNNING', totalLeads: 2 },
    });
    await screen.findByText('Ada');
    fillBasics('Spring', '7');
    fireEvent.click(screen.getByLabelText('Select all leads'));
    fireEvent.click(screen.getByRole('button', { name: 'Start campaign' }));

    await waitFor(() => expect(api.requests.some((r) => r.path === '/campaigns/c9')).toBe(true));
    const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/campaigns');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      agentId: 'a1',
      campaignName: 'Spring',
      maxConcurrentCalls: 7,
      allLeads: true,
      ...DEFAULT_DIALING,
    });
  });

  it('sends the leads picked one by one, and refuses a concurrency outside 1–100', async () => {
    const { api } = renderApp('/campaigns/new', {
      'GET /agents': { items: [agent], nextCursor: null },
      'GET /leads': leads,
      'POST /campaigns': new FakeReply(400, {
        error: { code: 'VALIDATION_FAILED', message: 'Invalid body', details: [{ field: 'agentId', message: 'gone' }] },
      }),
    });
    fireEvent.click(await screen.findByText('Bob'));
    fillBasics('Picked', '101');
    const start = screen.getByRole('button', { name: 'Start campaign' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);

    fillBasics('Picked', '2');
    expect(start.disabled).toBe(false);
    fireEvent.click(start);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Invalid body (agentId: gone)');
    const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/campaigns');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      agentId: 'a1',
      campaignName: 'Picked',
      maxConcurrentCalls: 2,
      leadIds: ['2'],
      ...DEFAULT_DIALING,
    });
  });
});
