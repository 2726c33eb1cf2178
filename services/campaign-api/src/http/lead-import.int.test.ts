import request from 'supertest';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('POST /api/leads/import', () => {
  let h: ApiHarness;
  let user: TestUser;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  beforeEach(async () => {
    user = await h.signup('importer');
  });
  afterAll(async () => {
    await h.close();
  });

  const importCsv = (csv: string, type = 'text/csv') =>
    request(h.app).post('/api/leads/import').set('Authorization', user.auth).set('Content-Type', type).send(csv);
  const phonesOf = async (userId: string) =>
    (await h.db.prisma.lead.findMany({ where: { userId }, orderBy: { phone: 'asc' } })).map((l) => l.phone);

  it('stores valid rows, counts duplicates, and reports each broken row by number and field', async () => {
    await h.db.prisma.lead.create({ data: { userId: user.userId, firstName: 'Existing', phone: '+14155550306', source: 'API' } });
    const csv = [
      '\uFEFFfirstName,lastName,phone,email,company,timezone',
      'Ada,Lovelace,+14155550301,ada@example.com,"Engines, Ltd",Europe/London', // 1 quoted comma
      'Grace,Hopper,(415) 555-0302,,,', // 2 national number, empty optionals
      'Bad,Phone,12345,,,', // 3 invalid phone
      'Short,Row,+14155550303', // 4 wrong column count
      '"Multi","Line",+14155550304,,"Line one\nline two",', // 5 embedded newline
      'Dup,InFile,415.555.0301,,,', // 6 duplicate of row 1
      'Zone,Wrong,+14155550305,,,Mars/Base', // 7 invalid timezone
      'Already,There,+14155550306,,,', // 8 already stored
      ',NoName,+14155550307,,,', // 9 missing first name
      '',
    ].join('\r\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(3);
    expect(res.body.duplicates).toBe(2);
    expect(res.body.invalid).toEqual([
      { row: 3, field: 'phone', message: expect.any(String) },
      { row: 4, field: 'row', message: expect.stringContaining('3 columns') },
      { row: 7, field: 'timezone', message: expect.any(String) },
      { row: 9, field: 'firstName', message: expect.any(String) },
    ]);
    expect(await phonesOf(user.userId)).toEqual(['+14155550301', '+14155550302', '+14155550304', '+14155550306']);
    const ada = await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId, phone: '+14155550301' } });
    expect(ada).toMatchObject({ firstName: 'Ada', company: 'Engines, Ltd', timezone: 'Europe/London', email: 'ada@example.com', source: 'IMPORT' });
    const multi = await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId, phone: '+14155550304' } });
    expect(multi.company).toBe('Line one\nline two');
    const grace = await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId, phone: '+14155550302' } });
    expect(grace).toMatchObject({ email: null, company: null, timezone: null });
  });

  it('counts every row of a second import of the same file as a duplicate', async () => {
    const csv = 'firstName,lastName,phone,email,company,timezone\nA,,+14155550401,,,\nB,,+14155550402,,,\n';
    expect((await importCsv(csv)).body).toEqual({ created: 2, duplicates: 0, invalid: [] });
    expect((await importCsv(csv)).body).toEqual({ created: 0, duplicates: 2, invalid: [] });
    expect(await phonesOf(user.userId)).toHaveLength(2);
  });

  it('accepts the header columns in any order', async () => {
    const res = await importCsv('phone,firstName,timezone,company,email,lastName\n+14155550501,Ann,UTC,,,Lee\n');
    expect(res.body).toEqual({ created: 1, duplicates: 0, invalid: [] });
    expect(await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId } })).toMatchObject({ firstName: 'Ann', lastName: 'Lee', timezone: 'UTC' });
  });

  it('answers 400 naming the missing column when the header row is wrong, storing nothing', async () => {
    const res = await importCsv('firstName,lastName,email,company,timezone\nA,B,a@example.com,,\n');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'phone', message: expect.stringContaining('missing') }]);
    const noHeader = await importCsv('Ada,Lovelace,+14155550601,,,\n');
    expect(noHeader.status).toBe(400);
    const empty = await importCsv('');
    expect(empty.status).toBe(400);
    expect(await phonesOf(user.userId)).toEqual([]);
  });

  it('answers 400 for a file that is not parseable CSV', async () => {
    const res = await importCsv('firstName,lastName,phone,email,company,timezone\n"unterminated,B,+14155550701,,,\n');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await phonesOf(user.userId)).toEqual([]);
  });

  it('answers 415 for a body that is not text/csv', async () => {
    const res = await request(h.app)
      .post('/api/leads/import')
      .set('Authorization', user.auth)
      .send({ csv: 'firstName,lastName,phone,email,company,timezone' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('imports a file larger than the JSON limit, up to 5 MB', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `Lead${i},Surname${i},+1415${String(2000000 + i)},lead${i}@example.com,Company number ${i},`);
    const csv = ['firstName,lastName,phone,email,company,timezone', ...rows].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 20_000, duplicates: 0, invalid: [] });
    expect(await h.db.prisma.lead.count({ where: { userId: user.userId, source: 'IMPORT' } })).toBe(20_000);
  });

  it('answers 413 for a CSV body over 5 MB', async () => {
    const res = await importCsv(`firstName,lastName,phone,email,company,timezone\n${'x'.repeat(5 * 1024 * 1024 + 10)}`);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
