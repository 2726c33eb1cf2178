import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApi, type Api } from '../api/endpoints';
import { createHttpClient } from '../api/http';
import { loadSession, saveSession, type Session } from './session';

interface SessionContextValue {
  session: Session | null;
  signIn: (session: Session) => void;
  signOut: () => void;
  api: Api;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children, fetchImpl }: { children: ReactNode; fetchImpl?: typeof fetch }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(loadSession);
  const tokenRef = useRef(session?.token ?? null);

  const update = useCallback(
    (next: Session | null) => {
      tokenRef.current = next?.token ?? null;
      saveSession(next);
      // Nothing read for one user may be shown to the next.
      queryClient.clear();
      setSession(next);
    },
    [queryClient],
  );

  const api = useMemo(
    () => createApi(createHttpClient({ getToken: () => tokenRef.current, onUnauthorized: () => update(null), fetchImpl })),
    [update, fetchImpl],
  );

  const value = useMemo<SessionContextValue>(
    () => ({ session, signIn: (s) => update(s), signOut: () => update(null), api }),
    [session, update, api],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

export function useSession() {
  const { session, signIn, signOut } = useSessionContext();
  return { session, signIn, signOut };
}

export function useApi(): Api {
  return useSessionContext().api;
}
