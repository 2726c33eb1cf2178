import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, type ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes } from 'react-router';
import { SESSION_EXPIRED_NOTICE, SessionProvider, useSession } from './auth/SessionProvider';
import { IncomingCalls } from './components/IncomingCalls';
import { Layout } from './components/Layout';
import { AgentsPage } from './pages/AgentsPage';
import { AuthPage } from './pages/AuthPage';
import { CallDetailPage } from './pages/CallDetailPage';
import { CallSearchPage } from './pages/CallSearchPage';
import { CampaignDashboardPage } from './pages/CampaignDashboardPage';
import { CampaignsPage } from './pages/CampaignsPage';
import { LeadPage } from './pages/LeadPage';
import { LeadsPage } from './pages/LeadsPage';
import { DncPage } from './pages/DncPage';
import { NewCampaignPage } from './pages/NewCampaignPage';
import { RealtimeProvider, type SocketFactory } from './realtime/RealtimeProvider';

export interface AppProps {
  queryClient: QueryClient;
  /** Tests pass a fake fetch and socket; the browser uses the real ones. */
  fetchImpl?: typeof fetch;
  connect?: SocketFactory;
}

/** Providers and routes; the router itself (browser or memory) is chosen by the caller. */
export function App({ queryClient, fetchImpl, connect }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider fetchImpl={fetchImpl}>
        <Realtime connect={connect}>
          <Routes>
            <Route path="/login" element={<AuthPage mode="login" />} />
            <Route path="/signup" element={<AuthPage mode="signup" />} />
            <Route element={<RequireSession />}>
              <Route element={<Layout />}>
                <Route path="/campaigns" element={<CampaignsPage />} />
                <Route path="/campaigns/new" element={<NewCampaignPage />} />
                <Route path="/campaigns/:campaignId" element={<CampaignDashboardPage />} />
                <Route path="/leads" element={<LeadsPage />} />
                <Route path="/agents" element={<AgentsPage />} />
                <Route path="/leads/:leadId" element={<LeadPage />} />
                <Route path="/calls" element={<CallSearchPage />} />
                <Route path="/dnc" element={<DncPage />} />
                <Route path="/calls/:callId" element={<CallDetailPage />} />
                <Route path="*" element={<Navigate to="/campaigns" replace />} />
              </Route>
            </Route>
          </Routes>
          <SignedInOnly>
            <IncomingCalls />
          </SignedInOnly>
        </Realtime>
      </SessionProvider>
    </QueryClientProvider>
  );
}

function Realtime({ children, connect }: { children: ReactNode; connect?: SocketFactory }) {
  const { session, signOut } = useSession();
  const onSessionEnded = useCallback(() => signOut(SESSION_EXPIRED_NOTICE), [signOut]);
  return (
    <RealtimeProvider token={session?.token ?? null} connect={connect} onSessionEnded={onSessionEnded}>
      {children}
    </RealtimeProvider>
  );
}

/** Keyed by user, so nothing one user was handling survives into the next user's session. */
function SignedInOnly({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return session ? <Fragment key={session.user.id}>{children}</Fragment> : null;
}

function RequireSession() {
  const { session } = useSession();
  return session ? <Outlet /> : <Navigate to="/login" replace />;
}
