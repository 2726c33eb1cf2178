/** @jest-environment jsdom */
import '../test-support/jsdom-polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TLeadImportResult, TPage, TLead } from '@dialwave/contracts';
import { renderApp } from '../test-support/render-app';

afterEach(() => localStorage.clear());

const noLeads: TPage<TLead> = { items: [], nextCursor: null };

describe('Leads page', () => {
  it('imports pasted CSV as text/csv and reports each invalid row', async () => {
    const result: TLeadImportResult = {
      created: 2,
      duplicates: 1,
      invalid: [{ row: 4, field: 'phone', message: 'not a valid phone number' }],
      invalidCount: 1,
    };
    const { api } = renderApp('/leads', { 'GET /leads': noLeads, 'POST /leads/import': result });
    const csv = 'firstName,lastName,phone,email,company,timezone\nAda,,+15550100,,,\nBob,,+15550101,,,\nAda,,+15550100,,,\nEve,,12,,,';
    fireEvent.change(await screen.findByLabelText('CSV rows'), { target: { value: csv } });
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV' }));

    const report = await screen.findByTestId('import-result');
    expect(report.textContent).toContain('2 created, 1 duplicates, 1 invalid');
    const row = within(report).getByText('not a valid phone number').closest('tr') as HTMLElement;
    expect(within(row).getByText('4')).toBeTruthy();
    expect(within(row).getByText('phone')).toBeTruthy();
    const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/leads/import');
    expect(sent).toMatchObject({ contentType: 'text/csv', body: csv });
  });

  it('says how many row errors there were when the answer lists only the first ones', async () => {
    const result: TLeadImportResult = {
      created: 0,
      duplicates: 0,
      invalid: [{ row: 1, field: 'row', message: 'has 1 columns, the header has 6' }],
      invalidCount: 250,
    };
    renderApp('/leads', { 'GET /leads': noLeads, 'POST /leads/import': result });
    fireEvent.change(await screen.findByLabelText('CSV rows'), { target: { value: 'firstName,lastName,phone,email,company,timezone\nx' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV' }));
    expect((await screen.findByTestId('import-result')).textContent).toContain('250 invalid (the first 1 are listed)');
  });

  it('searches leads through the API', async () => {
    const { api } = renderApp('/leads', { 'GET /leads': noLeads });
    fireEvent.change(await screen.findByLabelText('Search leads'), { target: { value: 'acme' } });
    await waitFor(() => expect(api.requests.some((r) => r.path === '/leads' && r.query.get('search') === 'acme')).toBe(true));
  });
});
