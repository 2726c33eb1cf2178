import { ProviderError, TwilioNumberOwnership } from '@dialwave/providers';
import { startCarrierSim, type RunningCarrierSim } from '../index';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'ownership-test-token';

describe('TwilioNumberOwnership against the simulator’s number lists', () => {
  let sim: RunningCarrierSim;
  beforeAll(async () => {
    sim = await startCarrierSim({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      ownedNumbers: ['+15005550006', '+1415555*'],
      verifiedCallerIds: ['+919876543210'],
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('tells the account’s own numbers, its verified caller ids and numbers it does not have apart', async () => {
    const ownership = new TwilioNumberOwnership({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: sim.url });
    expect(await ownership.ownershipOf('+15005550006')).toBe('incoming-number');
    expect(await ownership.ownershipOf('+14155552671')).toBe('incoming-number');
    expect(await ownership.ownershipOf('+919876543210')).toBe('verified-caller-id');
    expect(await ownership.ownershipOf('+16285550100')).toBe('not-owned');
  });

  it('reports refused credentials as a permanent ProviderError', async () => {
    const ownership = new TwilioNumberOwnership({ accountSid: ACCOUNT_SID, authToken: 'not-the-token', apiBaseUrl: sim.url });
    const err = await ownership.ownershipOf('+15005550006').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ errorClass: 'permanent', providerCode: 20003, httpStatus: 401 });
  });
});
