import type { TVoipProvider } from '@dialwave/contracts';
import { AppError } from '@dialwave/platform';
import { classifyProviderError, type CallerNumberVerifier } from '@dialwave/providers';
import { isUniqueViolation } from '@dialwave/db';

/**
 * A Twilio agent may only call from a number of the deployment's Twilio account: one it owns
 * (IncomingPhoneNumbers) or a caller id it verified (OutgoingCallerIds). Otherwise a tenant could present
 * any number, another tenant's included, as its caller id. SansPBX has no API that lists an account's
 * numbers, so SansPBX agents are not checked here (the PBX itself refuses a caller id it does not route);
 * the simulator provider exists only in development mode.
 */
export async function assertCallerNumberOwned(verifier: CallerNumberVerifier, provider: TVoipProvider, fromNumber: string): Promise<void> {
  if (provider !== 'TWILIO') return;
  let ownership;
  try {
    ownership = await verifier.ownershipOf(fromNumber);
  } catch (err) {
    const providerError = classifyProviderError(err);
    throw new AppError('PROVIDER_ERROR', `Could not check fromNumber with Twilio: ${providerError.message}`, [
      { field: 'fromNumber', message: 'could not be checked with Twilio; try again' },
    ]);
  }
  if (ownership === 'not-owned') {
    throw new AppError('VALIDATION_FAILED', `Invalid body: fromNumber ${fromNumber} is not a number of this Twilio account`, [
      { field: 'fromNumber', message: 'neither a phone number of this Twilio account nor one of its verified caller IDs' },
    ]);
  }
}

/** The unique index on Agent.fromNumber: one number, one agent, across every tenant. */
export function asFromNumberTaken(err: unknown, fromNumber: string | undefined): unknown {
  if (!isUniqueViolation(err)) return err;
  return new AppError(
    'CONFLICT',
    fromNumber ? `fromNumber ${fromNumber} is already used by another agent` : 'fromNumber is already used by another agent',
    [{ field: 'fromNumber', message: 'already used by another agent' }],
  );
}
