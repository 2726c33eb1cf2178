import type { TAuthResponse, TLoginRequest, TSignupRequest } from '@dialwave/contracts';
import type { Db, User } from '@dialwave/db';
import { AppError, signAuthToken } from '@dialwave/platform';
import { isUniqueViolation } from '../shared/prisma-errors';
import { hashPassword, spendDecoyVerification, verifyPassword } from './password';
import { UserRepository } from './user.repository';
import { serialiseUser } from './user.serializer';

export class AuthService {
  private readonly users: UserRepository;

  constructor(
    prisma: Db,
    private readonly jwtSecret: string,
  ) {
    this.users = new UserRepository(prisma);
  }

  async signup(input: TSignupRequest): Promise<TAuthResponse> {
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
