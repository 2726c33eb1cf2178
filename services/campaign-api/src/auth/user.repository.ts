import type { Db, User } from '@dialwave/db';

export class UserRepository {
  constructor(private readonly prisma: Db) {}

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  create(data: { email: string; name: string; passwordHash: string }): Promise<User> {
    return this.prisma.user.create({ data });
  }
}
