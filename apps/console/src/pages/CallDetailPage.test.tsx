/** @jest-environment jsdom */
import '../test-support/jsdom-polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TCallWithLogs } from '../api/endpoints';
import { renderApp } from '../test-support/render-app';

afterEach(() => localStorage.clear());

function call(overrides: Partial<TCallWithLogs> = {}): TCallWithLogs {
  return {
    id: 'k1',
    direction: 'INBOUND',
    status: 'COMPLETED',
    provider: 'SIMULATOR',
    providerCallSid: 'CA1',
    fromNumber: '+15550142',
    toNumber: '+15559990000',
    campaignId: null,
    leadId: 'lead-1',
    agentId: 'a1',
    attempt: 1,
    answeredBy: null,
    answeredAt: '2026-11-25T12:00:01.000Z',
    endedAt: '2026-11-25T12:00:43.000Z',
    durationSeconds: 42,
    failureReason: null,
    recordingUrl: 'https://recordings.example/k1.mp3',
    disposition: null,
    notes: null,
    createdAt: '2026-11-25T12:00:00.000Z',
    logs: [],
    report: null,
    ...overrides,
  };
}

describe('call detail page', () => {
  it('plays the recording of a recorded call and takes a disposition once the call ended', async () => {
    const { api } = renderApp('/calls/k1', {
      'GET /calls/k1': call(),
      'POST /calls/k1/disposition': (req: { body: string | null }) => call(JSON.parse(req.body ?? '{}')),
    });
    expect((await screen.findByTestId('recording-audio')).getAttribute('src')).toBe('https://recordings.example/k1.mp3');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Call from +15550142');

    const form = screen.getByTestId('disposition-form');
    fireEvent.change(within(form).getByLabelText('Disposition'), { target: { value: 'WRONG_NUMBER' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save disposition' }));
    await waitFor(() => expect(screen.getByText('Wrong number', { selector: 'dd' })).toBeTruthy());
    expect(JSON.parse(api.requests.find((r) => r.path === '/calls/k1/disposition')?.body ?? '{}')).toEqual({ disposition: 'WRONG_NUMBER' });
  });

  it('offers no disposition while the call is live and no player without a recording', async () => {
    renderApp('/calls/k1', { 'GET /calls/k1': call({ status: 'ANSWERED', endedAt: null, durationSeconds: null, recordingUrl: null }) });
    await screen.findByText('Timeline');
    expect(screen.queryByTestId('disposition-form')).toBeNull();
    expect(screen.queryByTestId('recording-audio')).toBeNull();
  });
});
