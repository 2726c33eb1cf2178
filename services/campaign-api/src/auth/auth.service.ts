import type { TAuthResponse, TLoginRequest, TSignupAccepted, TSignupRequest, TSignupResponse } from '@dialwave/contracts';
import { isUniqueViolation, type Db, type User } from '@dialwave/db';
import { AppError, signAuthToken } from '@dialwave/platform';
import { hashPassword, spendDecoyVerification, verifyPassword } from './password';
import { UserRepository } from './user.repository';
import { serialiseUser } from './user.serializer';

/** SIGNUP_MODE: `open` lets anyone create an account; `closed` leaves it to an operator (pnpm user:create). */
export type SignupMode = 'open' | 'closed';

export const SIGNUP_ACCEPTED: TSignupAccepted = {
  status: 'accepted',
  message: 'If this email can be registered, its account is ready: log in with the password you chose.',
};

export class AuthService {
  private readonly users: UserRepository;

  constructor(
    prisma: Db,
    private readonly jwtSecret: string,
    private readonly signupMode: SignupMode = 'closed',
    /**
     * Development mode keeps the documented contract (201 with a session, 409 for a taken email): tests and
     * scripts sign up and go. Outside it, signup must not tell a stranger which emails have accounts.
     */
    private readonly sessionOnSignup = false,
  ) {
    this.users = new UserRepository(prisma);
  }

  assertSignupOpen(): void {
    if (this.signupMode === 'closed') {
      throw new AppError('FORBIDDEN', 'Signup is closed on this deployment: ask an operator for an account (pnpm user:create)');
    }
  }

  async signup(input: TSignupRequest): Promise<TSignupResponse> {
    this.assertSignupOpen();
    return this.sessionOnSignup ? this.signupWithSession(input) : this.signupUniformly(input);
  }

  /**
   * Creates the account when the email is free and answers the same either way (see SIGNUP_ACCEPTED).
   * The password is hashed in both cases so that timing does not tell the two apart either.
   */
  private async signupUniformly(input: TSignupRequest): Promise<TSignupAccepted> {
    const passwordHash = await hashPassword(input.password);
    if (await this.users.findByEmail(input.email)) return SIGNUP_ACCEPTED;
    try {
      await this.users.create({ email: input.email, name: input.name, passwordHash });
    } catch (err) {
      // Two signups for one email can both pass the check above; the unique index decides, silently.
      if (!isUniqueViolation(err)) throw err;
    }
    return SIGNUP_ACCEPTED;
  }

  private async signupWithSession(input: TSignupRequest): Promise<TAuthResponse> {
    if (await this.users.findByEmail(input.email)) throw emailTaken();
    const passwordHash = await hashPassword(input.password);
    try {
      return this.session(await this.users.create({ email: input.email, name: input.name, passwordHash }));
    } catch (err) {
      // Two signups for one email can both pass the check above; the unique index decides.
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
  }

  async login(input: TLoginRequest): Promise<TAuthResponse> {
    const user = await this.users.findByEmail(input.email);
    if (!user) {
      await spendDecoyVerification(input.password);
      throw badCredentials();
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) throw badCredentials();
    return this.session(user);
  }

  private session(user: User): TAuthResponse {
    return { token: signAuthToken({ userId: user.id, email: user.email }, this.jwtSecret), user: serialiseUser(user) };
  }
}

function emailTaken(): AppError {
  return new AppError('CONFLICT', 'An account with this email already exists', [{ field: 'email', message: 'already registered' }]);
}

function badCredentials(): AppError {
  return new AppError('UNAUTHENTICATED', 'Email or password is wrong');
}
