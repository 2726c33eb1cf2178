import { z } from 'zod';
import {
  credential,
  CREDENTIALS,
  DEV_CREDENTIALS,
  devModeFlag,
  parseEnv,
  refuseUnsafeCredentials,
  withCredentialDefaults,
  type CredentialName,
} from './index';

const NAMES = Object.keys(CREDENTIALS) as CredentialName[];
const schema = z
  .object({ DIALWAVE_DEV: devModeFlag, ...Object.fromEntries(NAMES.map((name) => [name, credential()])) })
  .superRefine((env, ctx) => refuseUnsafeCredentials(env as never, ctx, NAMES))
  .transform((env) => withCredentialDefaults(env as never, NAMES));
const load = (source: Record<string, string>) => parseEnv(schema, source) as Record<string, unknown>;
const REAL = 'x'.repeat(64);

describe('development mode', () => {
  it('is on only for DIALWAVE_DEV=1 or true, and names the variable for anything else', () => {
    const flag = z.object({ DIALWAVE_DEV: devModeFlag });
    expect(parseEnv(flag, {}).DIALWAVE_DEV).toBe(false);
    expect(parseEnv(flag, { DIALWAVE_DEV: '' }).DIALWAVE_DEV).toBe(false);
    expect(parseEnv(flag, { DIALWAVE_DEV: '0' }).DIALWAVE_DEV).toBe(false);
    expect(parseEnv(flag, { DIALWAVE_DEV: '1' }).DIALWAVE_DEV).toBe(true);
    expect(parseEnv(flag, { DIALWAVE_DEV: 'true' }).DIALWAVE_DEV).toBe(true);
    expect(() => parseEnv(flag, { DIALWAVE_DEV: 'yes' })).toThrow(/DIALWAVE_DEV/);
  });
});

describe('credential rules', () => {
  it.each(NAMES)('refuses the development value of %s without development mode, saying how to get a real one', (name) => {
    const source = { ...Object.fromEntries(NAMES.map((n) => [n, REAL])), [name]: DEV_CREDENTIALS[name] };
    expect(() => load(source)).toThrow(new RegExp(`${name}: is the public development value[^\\n]*(openssl rand|your )`));
    expect(load({ ...source, DIALWAVE_DEV: '1' })[name]).toBe(DEV_CREDENTIALS[name]);
  });

  it.each(NAMES)('refuses %s when unset without development mode, and fills in the development value with it', (name) => {
    const source = Object.fromEntries(NAMES.filter((n) => n !== name).map((n) => [n, REAL]));
    expect(() => load(source)).toThrow(new RegExp(`${name}: is required`));
    expect(load({ ...source, DIALWAVE_DEV: '1' })[name]).toBe(DEV_CREDENTIALS[name]);
  });

  it('refuses our own secrets shorter than 32 characters, naming the length and the recipe', () => {
    const short = { ...Object.fromEntries(NAMES.map((n) => [n, REAL])), JWT_SECRET: 'x'.repeat(31), TWILIO_AUTH_TOKEN: 'short' };
    expect(() => load(short)).toThrow(
      /JWT_SECRET: is 31 characters long; a secret needs at least 32: generate one with `openssl rand -hex 32`/,
    );
    expect(() => load(short)).toThrow(/TWILIO_AUTH_TOKEN: is 5 characters long/);
    expect(load({ ...short, JWT_SECRET: 'x'.repeat(32), TWILIO_AUTH_TOKEN: 'y'.repeat(32) }).JWT_SECRET).toBe('x'.repeat(32));
  });

  it('accepts short values of identifiers a provider issues (account SID, SansPBX keys) once they are not the development ones', () => {
    const source = { ...Object.fromEntries(NAMES.map((n) => [n, REAL])), TWILIO_ACCOUNT_SID: 'AC123', SANSPBX_ACCESS_KEY: 'k1' };
    expect(load(source)).toMatchObject({ TWILIO_ACCOUNT_SID: 'AC123', SANSPBX_ACCESS_KEY: 'k1' });
  });

  it('checks an optional credential only when it is set, and never fills a development value outside development mode', () => {
    const optional = z
      .object({ DIALWAVE_DEV: devModeFlag, ADMIN_PASSWORD: credential() })
      .superRefine((env, ctx) => refuseUnsafeCredentials(env, ctx, [], ['ADMIN_PASSWORD']))
      .transform((env) => withCredentialDefaults(env, ['ADMIN_PASSWORD']));
    expect(parseEnv(optional, {}).ADMIN_PASSWORD).toBe('');
    expect(() => parseEnv(optional, { ADMIN_PASSWORD: 'dialwave-dev-admin' })).toThrow(/ADMIN_PASSWORD: is the public development value/);
    expect(() => parseEnv(optional, { ADMIN_PASSWORD: 'hunter2' })).toThrow(/ADMIN_PASSWORD: is 7 characters long/);
  });
});
