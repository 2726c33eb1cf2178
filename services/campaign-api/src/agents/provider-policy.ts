import type { TApiProvider } from '@dialwave/contracts';
import { AppError } from '@dialwave/platform';

/**
 * The `simulator` provider dials the carrier simulator with the deployment's Twilio credentials: a
 * development tool, so outside development mode (DIALWAVE_DEV=1) no agent may choose it.
 */
export function assertProviderAllowed(provider: TApiProvider | undefined, developmentMode: boolean): void {
  if (provider !== 'simulator' || developmentMode) return;
  throw new AppError('VALIDATION_FAILED', 'Invalid body: provider "simulator" is available only in development mode', [
    { field: 'provider', message: 'the simulator provider is available only in development mode (DIALWAVE_DEV=1)' },
  ]);
}
