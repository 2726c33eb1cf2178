import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@dialwave/testkit';
import { AuthService } from './auth.service';
import { createUser } from './create-user';

const REPO_ROOT = resolve(__dirname, '../../../..');

describe('creating users when signup is closed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates a user with a generated password that logs in', async () => {
    const created = await createUser(db.prisma, { email: ' Ops@Example.com ', name: 'Ops' });
    expect(created.generatedPassword).toBe(true);
    expect(created.password).toMatch(/^[\w-]{24}$/);
    expect(created.user).toEqual({ id: expect.any(String), email: 'ops@example.com', name: 'Ops' });
    const auth = new AuthService(db.prisma, 's'.repeat(32), 'closed');
    expect((await auth.login({ email: 'ops@example.com', password: created.password })).user.id).toBe(created.user.id);
  });

  it('uses a given password, and names the field when the email is taken or the input is invalid', async () => {
    const created = await createUser(db.prisma, { email: 'given@example.com', name: 'Given', password: 'a given password' });
    expect(created).toMatchObject({ generatedPassword: false, password: 'a given password' });
    await expect(createUser(db.prisma, { email: 'given@example.com', name: 'Again' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: [{ field: 'email', message: 'already registered' }],
    });
    await expect(createUser(db.prisma, { email: 'not-an-email', name: 'X' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'email' })],
    });
    await expect(createUser(db.prisma, { email: 'short@example.com', name: 'X', password: 'short' })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'password' })],
    });
  });

  it('pnpm user:create creates the user and prints its generated password once', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'services/campaign-api/src/cli/user-create.ts', '--email', 'cli@example.com', '--name', 'CLI'],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, DATABASE_URL: db.url },
          // An empty pipe, as from a script: no password given, so one is generated (piping: piped-password.test.ts).
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
      child.stdin.end();
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Created cli@example.com \(user [\w-]+\)\.\nPassword \(shown only this once\): [\w-]{24}\n$/);
    const password = /once\): (\S+)/.exec(result.stdout)?.[1] ?? '';
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { email: 'cli@example.com' } });
    expect(await verify(stored.passwordHash, password)).toBe(true);
  });
});
