import { QueryClient } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App } from '../App';
import { saveSession } from '../auth/session';
import { fakeApi } from './fake-api';
import { FakeSocket } from './fake-socket';

// findBy* and waitFor wait for a UI state that needs no more than a few renders; testing-library's 1 s default
// bound assumes an idle machine, and on two cores shared with the end-to-end suites a correct console missed it.
configure({ asyncUtilTimeout: 10_000 });

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
