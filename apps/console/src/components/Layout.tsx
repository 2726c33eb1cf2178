import { Link, NavLink, Outlet } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { useRealtime } from '../realtime/RealtimeProvider';

const CONNECTION_LABEL = { live: 'Live', connecting: 'Reconnecting…', offline: 'Offline' } as const;

export function Layout() {
  const { session, signOut } = useSession();
  const { connection, incoming, dismissIncoming } = useRealtime();
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/campaigns" className="brand">
          Dialwave
        </Link>
        <nav>
          <NavLink to="/campaigns">Campaigns</NavLink>
          <NavLink to="/leads">Leads</NavLink>
          <NavLink to="/agents">Agents</NavLink>
        </nav>
        <span className={`connection connection-${connection}`} data-testid="connection" title="Realtime updates">
          {CONNECTION_LABEL[connection]}
        </span>
        <span className="user">{session?.user.email}</span>
        <button type="button" className="button ghost" onClick={signOut}>
          Log out
        </button>
      </header>
      {incoming.map((call) => (
        <div key={call.callId} className="incoming" role="status">
          Incoming call from <strong>{call.lead ? `${call.lead.firstName} ${call.lead.lastName ?? ''}`.trim() : call.phoneNumber}</strong>
          {call.lead?.company ? ` (${call.lead.company})` : ''} — <Link to={`/calls/${call.callId}`}>open</Link>
          <button type="button" className="button ghost small" onClick={() => dismissIncoming(call.callId)}>
            Dismiss
          </button>
        </div>
      ))}
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
