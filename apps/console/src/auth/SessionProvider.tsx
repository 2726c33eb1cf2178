import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApi, type Api } from '../api/endpoints';
import { createHttpClient } from '../api/http';
import { loadSession, saveSession, type Session } from './session';

interface SessionContextValue {
  session: Session | null;
  /** Why the last session ended when the user did not log out (an expired token), for the login page. */
  notice: string | null;
  signIn: (session: Session) => void;
  signOut: (notice?: string) => void;
  api: Api;
}

export const SESSION_EXPIRED_NOTICE = 'Your session has expired. Log in again.';

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children, fetchImpl }: { children: ReactNode; fetchImpl?: typeof fetch }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);
  const tokenRef = useRef(session?.token ?? null);

  const update = useCallback(
    (next: Session | null, endedBecause: string | null = null) => {
      tokenRef.current = next?.token ?? null;
      setNotice(endedBecause);
      saveSession(next);
      // Nothing read for one user may be shown to the next.
      queryClient.clear();
      setSession(next);
    },
    [queryClient],
  );

  const api = useMemo(
    () =>
      createApi(
        createHttpClient({ getToken: () => tokenRef.current, onUnauthorized: () => update(null, SESSION_EXPIRED_NOTICE), fetchImpl }),
      ),
    [update, fetchImpl],
  );

  // Stable, so that effects depending on them (the realtime socket) do not restart on every render.
  const signIn = useCallback((next: Session) => update(next), [update]);
  const signOut = useCallback((why?: string) => update(null, why ?? null), [update]);
  const value = useMemo<SessionContextValue>(() => ({ session, notice, signIn, signOut, api }), [session, notice, signIn, signOut, api]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

export function useSession() {
  const { session, notice, signIn, signOut } = useSessionContext();
  return { session, notice, signIn, signOut };
}

export function useApi(): Api {
  return useSessionContext().api;
}
