import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useReducer, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  EVENT_NAMES,
  SESSION_EXPIRED_EVENT,
  SOCKET_UNAUTHORIZED,
  type GatewayToClientEvents,
  type TIncomingCallEvent,
} from '@dialwave/contracts';
import { incomingQueueReducer, type IncomingQueue } from '../incoming/incoming-queue';
import {
  applyCallAnalyzedToCache,
  applyCallInitiatedToCache,
  applyCallStatusToCache,
  applyCampaignEventToCache,
  createCampaignRefresher,
} from './apply-event';

export type ConnectionState = 'connecting' | 'live' | 'offline';

interface RealtimeValue {
  connection: ConnectionState;
  /** Calls ringing for this user, oldest first. */
  incoming: IncomingQueue;
  /** Takes a call off the queue once this console accepted, rejected or hid it. */
  dismissIncoming: (callId: string) => void;
}

const RealtimeContext = createContext<RealtimeValue>({ connection: 'offline', incoming: [], dismissIncoming: () => {} });

export type SocketFactory = (token: string) => Socket<GatewayToClientEvents>;

/** Same origin: the dev/preview server proxies `/socket.io` (websocket) to the realtime gateway. */
export const connectToGateway: SocketFactory = (token) => io({ path: '/socket.io', auth: { token }, transports: ['websocket'] });

const CAMPAIGN_EVENTS = [
  EVENT_NAMES.campaignStarted,
  EVENT_NAMES.campaignProgress,
  EVENT_NAMES.campaignPaused,
  EVENT_NAMES.campaignResumed,
  EVENT_NAMES.campaignCanceled,
  EVENT_NAMES.campaignCompleted,
] as const;

interface RealtimeProviderProps {
  token: string | null;
  children: ReactNode;
  connect?: SocketFactory;
  /** The gateway ended the session (the token expired, or it refuses the token): back to the login page. */
  onSessionEnded: () => void;
}

/**
 * One socket per signed-in session. Events patch the react-query cache; every (re)connect invalidates
 * what is loaded, because events sent while the socket was away are gone for good.
 */
export function RealtimeProvider({ token, children, connect = connectToGateway, onSessionEnded }: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<ConnectionState>('offline');
  const [incoming, dispatchIncoming] = useReducer(incomingQueueReducer, []);

  useEffect(() => {
    if (!token) return;
    const socket = connect(token);
    const refresher = createCampaignRefresher(queryClient);
    setConnection('connecting');
    socket.on('connect', () => {
      setConnection('live');
      void queryClient.invalidateQueries();
    });
    socket.on('disconnect', () => setConnection('connecting'));
    socket.on('connect_error', (err: Error) => {
      setConnection('offline');
      if (err.message === SOCKET_UNAUTHORIZED) onSessionEnded();
    });
    // The gateway says why before it disconnects; socket.io does not reconnect after a server disconnect.
    socket.on(SESSION_EXPIRED_EVENT, () => onSessionEnded());
    for (const name of CAMPAIGN_EVENTS) socket.on(name, (event) => applyCampaignEventToCache(queryClient, refresher, event));
    socket.on(EVENT_NAMES.callInitiated, (event) => applyCallInitiatedToCache(queryClient, event));
    socket.on(EVENT_NAMES.callStatusUpdated, (event) => {
      applyCallStatusToCache(queryClient, refresher, event);
      // A caller who hangs up while ringing ends the call: its modal must go.
      dispatchIncoming({ type: 'status', callId: event.callId, status: event.status });
    });
    socket.on(EVENT_NAMES.incomingCall, (call: TIncomingCallEvent) => dispatchIncoming({ type: 'received', call }));
    socket.on(EVENT_NAMES.callAnalyzed, (event) => applyCallAnalyzedToCache(queryClient, refresher, event));
    return () => {
      refresher.dispose();
      socket.removeAllListeners();
      socket.disconnect();
      setConnection('offline');
      dispatchIncoming({ type: 'cleared' });
    };
  }, [token, connect, queryClient, onSessionEnded]);

  const value: RealtimeValue = {
    connection,
    incoming,
    dismissIncoming: (callId) => dispatchIncoming({ type: 'handled', callId }),
  };
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeValue {
  return useContext(RealtimeContext);
}
