import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

let decoyHash: Promise<string> | undefined;

/**
 * A login for an unknown email still spends one argon2 verification, so response time does not reveal
 * which emails have accounts.
 */
export async function spendDecoyVerification(password: string): Promise<void> {
  decoyHash ??= hash('dialwave-decoy-password');
  await verify(await decoyHash, password);
}
