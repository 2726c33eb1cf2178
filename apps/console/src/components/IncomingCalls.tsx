import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TIncomingCallEvent } from '@dialwave/contracts';
import { queryKeys } from '../api/query-keys';
import type { AcceptedCall } from '../incoming/current-call';
import { useRealtime } from '../realtime/RealtimeProvider';
import { CurrentCallPanel } from './CurrentCallPanel';
import { IncomingCallModal } from './IncomingCallModal';

/**
 * Mounted once for a signed-in user, over whatever page is open: the ringing-call modal (the oldest
 * call first) and the panel of the call this console accepted.
 */
export function IncomingCalls() {
  const queryClient = useQueryClient();
  const { incoming, dismissIncoming } = useRealtime();
  const [current, setCurrent] = useState<AcceptedCall | null>(null);
  const head = incoming[0];

  function accepted(call: TIncomingCallEvent, callerName: string) {
    dismissIncoming(call.callId);
    setCurrent({ callId: call.callId, callerName, phoneNumber: call.phoneNumber, acceptedAt: new Date().toISOString() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.call(call.callId), exact: true });
  }

  return (
    <>
      {head && (
        <IncomingCallModal
          key={head.callId}
          call={head}
          waiting={incoming.length - 1}
          onAccepted={accepted}
          onRejected={(call) => dismissIncoming(call.callId)}
          onHide={(call) => dismissIncoming(call.callId)}
        />
      )}
      {current && <CurrentCallPanel key={current.callId} accepted={current} onClose={() => setCurrent(null)} />}
    </>
  );
}
