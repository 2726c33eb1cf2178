import { AppError } from '@dialwave/platform';
import { ProviderError, type CallerNumberOwnership, type CallerNumberVerifier } from '@dialwave/providers';
import { assertCallerNumberOwned } from './caller-number-policy';

/** Unit test: the verifier stands in for Twilio (the integration tests ask the simulator over HTTP). */
function verifier(answer: CallerNumberOwnership | Error): CallerNumberVerifier & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ownershipOf: (phoneNumber) => {
      asked.push(phoneNumber);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

describe('assertCallerNumberOwned', () => {
  it('passes numbers the Twilio account owns or verified', async () => {
    await expect(assertCallerNumberOwned(verifier('incoming-number'), 'TWILIO', '+14155552671')).resolves.toBeUndefined();
    await expect(assertCallerNumberOwned(verifier('verified-caller-id'), 'TWILIO', '+14155552671')).resolves.toBeUndefined();
  });

  it('refuses a number the account does not have with a 400 naming fromNumber', async () => {
    const err = (await assertCallerNumberOwned(verifier('not-owned'), 'TWILIO', '+16285550100').catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', httpStatus: 400, details: [{ field: 'fromNumber' }] });
    expect(err.message).toContain('+16285550100');
  });

  it('answers 502 naming fromNumber when Twilio cannot be asked, rather than letting the number through', async () => {
    const down = verifier(new ProviderError('transient', 'connect ECONNREFUSED', undefined, undefined, { networkCode: 'ECONNREFUSED' }));
    const err = (await assertCallerNumberOwned(down, 'TWILIO', '+14155552671').catch((e: unknown) => e)) as AppError;
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', httpStatus: 502, details: [{ field: 'fromNumber' }] });
  });

  it('does not ask about SansPBX or simulator agents (SansPBX has no API listing its numbers)', async () => {
    const v = verifier('not-owned');
    await assertCallerNumberOwned(v, 'SANSPBX', '+14155552671');
    await assertCallerNumberOwned(v, 'SIMULATOR', '+14155552671');
    expect(v.asked).toEqual([]);
  });
});
