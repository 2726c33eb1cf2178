import { randomBytes } from 'node:crypto';
import { ZSignupRequestSchema, type TUser } from '@dialwave/contracts';
import { isUniqueViolation, type Db } from '@dialwave/db';
import { AppError, parseOrThrow } from '@dialwave/platform';
import { hashPassword } from './password';
import { UserRepository } from './user.repository';
import { serialiseUser } from './user.serializer';

export interface CreatedUser {
  user: TUser;
  /** The password to hand over: the given one, or one generated here (shown once, stored only hashed). */
  password: string;
  generatedPassword: boolean;
}

/** 18 random bytes: 24 URL-safe characters, 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * How an operator creates an account when SIGNUP_MODE=closed (`pnpm user:create`). Same rules as signup;
 * unlike signup it says when the email is taken, since only an operator runs it.
 */
export async function createUser(prisma: Db, input: { email: string; name: string; password?: string }): Promise<CreatedUser> {
  const generatedPassword = input.password === undefined || input.password === '';
  const request = parseOrThrow(ZSignupRequestSchema, { ...input, password: generatedPassword ? generatePassword() : input.password });
  const users = new UserRepository(prisma);
  try {
    const user = await users.create({ email: request.email, name: request.name, passwordHash: await hashPassword(request.password) });
    return { user: serialiseUser(user), password: request.password, generatedPassword };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('CONFLICT', `${request.email} already has an account`, [{ field: 'email', message: 'already registered' }]);
    throw err;
  }
}
