import { buildProviderRegistry, SIMULATOR_DISABLED } from './build-providers';
import { ProviderError } from './provider-error';
import { TwilioProvider } from './twilio-provider';

const CREDENTIALS = { twilioAccountSid: 'AC0123456789abcdef0123456789abcdef', twilioAuthToken: 't'.repeat(32) };

describe('buildProviderRegistry', () => {
  it('gives SIMULATOR agents no carrier outside development mode, so real credentials never reach a simulator', async () => {
    const simulator = buildProviderRegistry(CREDENTIALS).forProvider('SIMULATOR');
    expect(simulator).not.toBeInstanceOf(TwilioProvider);
    const refusal = simulator.dial({} as never).catch((err: unknown) => err);
    await expect(refusal).resolves.toBeInstanceOf(ProviderError);
    await expect(refusal).resolves.toMatchObject({ message: SIMULATOR_DISABLED });
  });

  it('dials SIMULATOR agents through the Twilio provider at the simulator URL when one is given', () => {
    expect(buildProviderRegistry({ ...CREDENTIALS, simulatorUrl: 'http://127.0.0.1:4010' }).forProvider('SIMULATOR')).toBeInstanceOf(
      TwilioProvider,
    );
  });
});
