import { Link, NavLink, Outlet } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { useRealtime } from '../realtime/RealtimeProvider';
import { CallSearchBox } from './CallSearchBox';

const CONNECTION_LABEL = { live: 'Live', connecting: 'Reconnecting…', offline: 'Offline' } as const;

export function Layout() {
  const { session, signOut } = useSession();
  const { connection } = useRealtime();
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
          <NavLink to="/dnc">Do not call</NavLink>
        </nav>
        <CallSearchBox />
        <span className={`connection connection-${connection}`} data-testid="connection" title="Realtime updates">
          {CONNECTION_LABEL[connection]}
        </span>
        <span className="user">{session?.user.email}</span>
        <button type="button" className="button ghost" onClick={() => signOut()}>
          Log out
        </button>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
