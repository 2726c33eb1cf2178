import { Prisma } from './generated/client';
import { isForeignKeyViolation, isUniqueViolation } from './prisma-errors';

const known = (code: string) =>
  new Prisma.PrismaClientKnownRequestError('constraint', { code, clientVersion: Prisma.prismaVersion.client });

describe('Prisma constraint errors', () => {
  it('tells a unique violation (P2002) from a foreign key violation (P2003) and from anything else', () => {
    expect(isUniqueViolation(known('P2002'))).toBe(true);
    expect(isUniqueViolation(known('P2003'))).toBe(false);
    expect(isForeignKeyViolation(known('P2003'))).toBe(true);
    expect(isUniqueViolation(new Error('P2002'))).toBe(false);
  });
});
