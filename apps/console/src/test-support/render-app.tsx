import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App } from '../App';
import { saveSession } from '../auth/session';
import { fakeApi } from './fake-api';
import { FakeSocket } from './fake-socket';

export const TEST_SESSION = { token: 'token-1', user: { id: 'u1', email: 'ada@example.com', name: 'Ada' } };

/** The whole console at `path`, on a fake API and socket; signed in unless `signedIn: false`. */
export function renderApp(path: string, routes: Record<string, unknown>, { signedIn = true } = {}) {
  saveSession(signedIn ? TEST_SESSION : null);
  const api = fakeApi(routes);
  const socket = new FakeSocket();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <App queryClient={queryClient} fetchImpl={api.fetchImpl} connect={() => socket.asSocket()} />
    </MemoryRouter>,
  );
  return { ...view, api, socket, queryClient };
}
