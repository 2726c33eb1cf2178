import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCampaignWithStats } from '@dialwave/contracts';
import type { CampaignAction } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { canApply } from '../dashboard/campaign-actions';

const LABELS: Record<CampaignAction, { idle: string; pending: string; className: string }> = {
  pause: { idle: 'Pause', pending: 'Pausing…', className: 'button' },
  resume: { idle: 'Resume', pending: 'Resuming…', className: 'button primary' },
  cancel: { idle: 'Cancel campaign', pending: 'Canceling…', className: 'button danger' },
};

export function CampaignControls({ campaign }: { campaign: TCampaignWithStats }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (action: CampaignAction) => api.changeCampaign(campaign.id, action),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.campaign(campaign.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
    },
    // A 409 means someone else moved the campaign first: re-read it so the buttons match again.
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.campaign(campaign.id), exact: true }),
  });

  const run = (action: CampaignAction) => {
    if (action === 'cancel' && !window.confirm(`Cancel "${campaign.name}"? Leads not yet dialed will be skipped.`)) return;
    mutation.mutate(action);
  };

  return (
    <div className="controls">
      {(['pause', 'resume', 'cancel'] as const).map((action) => {
        const label = LABELS[action];
        const pending = mutation.isPending && mutation.variables === action;
        return (
          <button
            key={action}
            type="button"
            className={label.className}
            data-testid={`campaign-${action}`}
            disabled={mutation.isPending || !canApply(campaign.status, action)}
            onClick={() => run(action)}
          >
            {pending ? label.pending : label.idle}
          </button>
        );
      })}
      {mutation.isError && (
        <span role="alert" className="error-text">
          {errorMessage(mutation.error)}
        </span>
      )}
    </div>
  );
}
