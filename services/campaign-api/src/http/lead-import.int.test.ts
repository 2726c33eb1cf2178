import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { waitFor } from '@dialwave/testkit';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

const HEADER = 'firstName,lastName,phone,email,company,timezone';
const validRows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `Lead${i},Surname${i},+1415${String(2000000 + from + i)},lead${i}@example.com,Company number ${i},`);

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
    expect(res.body.invalidCount).toBe(4);
    expect(await phonesOf(user.userId)).toEqual(['+14155550301', '+14155550302', '+14155550304', '+14155550306']);
    const ada = await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId, phone: '+14155550301' } });
    expect(ada).toMatchObject({
      firstName: 'Ada',
      company: 'Engines, Ltd',
      timezone: 'Europe/London',
      email: 'ada@example.com',
      source: 'IMPORT',
    });
    const multi = await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId, phone: '+14155550304' } });
    expect(multi.company).toBe('Line one\nline two');
    const grace = await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId, phone: '+14155550302' } });
    expect(grace).toMatchObject({ email: null, company: null, timezone: null });
  });

  it('counts every row of a second import of the same file as a duplicate', async () => {
    const csv = 'firstName,lastName,phone,email,company,timezone\nA,,+14155550401,,,\nB,,+14155550402,,,\n';
    expect((await importCsv(csv)).body).toEqual({ created: 2, duplicates: 0, invalid: [], invalidCount: 0 });
    expect((await importCsv(csv)).body).toEqual({ created: 0, duplicates: 2, invalid: [], invalidCount: 0 });
    expect(await phonesOf(user.userId)).toHaveLength(2);
  });

  it('accepts the header columns in any order', async () => {
    const res = await importCsv('phone,firstName,timezone,company,email,lastName\n+14155550501,Ann,UTC,,,Lee\n');
    expect(res.body).toEqual({ created: 1, duplicates: 0, invalid: [], invalidCount: 0 });
    expect(await h.db.prisma.lead.findFirstOrThrow({ where: { userId: user.userId } })).toMatchObject({
      firstName: 'Ann',
      lastName: 'Lee',
      timezone: 'UTC',
    });
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

  it('refuses premium-rate and shared-cost rows by row number, importing the others', async () => {
    const csv = [HEADER, 'Fine,,+14155550801,,,', 'Premium,,+19005551234,,,', 'Shared,,+33810123456,,,'].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, duplicates: 0, invalidCount: 2 });
    expect(res.body.invalid).toEqual([
      { row: 2, field: 'phone', message: expect.stringContaining('premium-rate') },
      { row: 3, field: 'phone', message: expect.stringContaining('shared-cost') },
    ]);
    expect(await phonesOf(user.userId)).toEqual(['+14155550801']);
  });

  it('lists the first 100 row errors and counts them all', async () => {
    const broken = Array.from({ length: 150 }, (_, i) => `Broken${i},,not-a-phone,,,`);
    const res = await importCsv([HEADER, ...validRows(3), ...broken].join('\n'));
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(3);
    expect(res.body.invalid).toHaveLength(100);
    expect(res.body.invalid[0]).toEqual({ row: 4, field: 'phone', message: expect.any(String) });
    expect(res.body.invalidCount).toBe(150);
  });

  it('imports 20,000 rows, a file larger than the JSON limit', async () => {
    const csv = [HEADER, ...validRows(20_000)].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 20_000, duplicates: 0, invalid: [], invalidCount: 0 });
    expect(await h.db.prisma.lead.count({ where: { userId: user.userId, source: 'IMPORT' } })).toBe(20_000);
  });

  it("answers a 5 MB hostile CSV of near-empty lines with a 4xx, while another client's /healthz keeps answering", async () => {
    const garbage = `${[',', ' ', '', ',,,,,', 'x', '"",""', ';;', '\t'].join('\n')}\n`;
    const hostile = Buffer.from(`${HEADER}\n${garbage.repeat(Math.ceil((5 * 1024 * 1024) / garbage.length))}`);
    const server: Server = createServer(h.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let answer: { status: number; body: { error: { code: string; message: string } } } | undefined;
    let stopped = false;
    try {
      const importing = fetch(`${base}/api/leads/import`, {
        method: 'POST',
        headers: { authorization: user.auth, 'content-type': 'text/csv' },
        body: hostile,
      }).then(async (res) => {
        answer = { status: res.status, body: (await res.json()) as NonNullable<typeof answer>['body'] };
      });
      // A failure shows as the deadline below passing without an answer.
      importing.catch(() => undefined);
      const healthzAnswered = (async () => {
        let answered = 0;
        while (!answer && !stopped) {
          const res = await fetch(`${base}/healthz`);
          if (res.ok && !answer) answered += 1;
        }
        return answered;
      })();
      const settled = await waitFor(() => answer, { timeoutMs: 5000, intervalMs: 10, what: 'the hostile import to be answered' });
      expect(settled.status).toBe(413);
      expect(settled.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('100000 data rows') });
      // The import was in flight the whole time these were answered.
      expect(await healthzAnswered).toBeGreaterThanOrEqual(3);
      expect(await phonesOf(user.userId)).toEqual([]);
    } finally {
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('POST /api/leads/import limits', () => {
  const MAX_ROWS = 50;
  let h: ApiHarness;
  let user: TestUser;
  beforeAll(async () => {
    h = await startApiHarness({ importMaxRows: MAX_ROWS, destinationPolicy: { allowedCountries: new Set(['US']) } });
    user = await h.signup('limited');
  });
  afterAll(async () => {
    await h.close();
  });

  const importCsv = (csv: string) =>
    request(h.app).post('/api/leads/import').set('Authorization', user.auth).set('Content-Type', 'text/csv').send(csv);

  it('takes IMPORT_MAX_ROWS rows, and answers 413 storing nothing for one more, even when the extra row comes last', async () => {
    const over = await importCsv([HEADER, ...validRows(MAX_ROWS + 1)].join('\n'));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining(`more than ${MAX_ROWS} data rows`),
    });
    expect(await h.db.prisma.lead.count({ where: { userId: user.userId } })).toBe(0);

    const exactly = await importCsv([HEADER, ...validRows(MAX_ROWS)].join('\n'));
    expect(exactly.status).toBe(200);
    expect(exactly.body.created).toBe(MAX_ROWS);
  });

  it('answers 413 for a body over the byte limit before reading it', async () => {
    const res = await importCsv(`${HEADER}\n${'x'.repeat(1024 * 1024 + 10)}`);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('MB limit') });
  });

  it('refuses a lead outside DIAL_ALLOWED_COUNTRIES by row, and at create naming phone', async () => {
    const res = await importCsv([HEADER, 'Home,,+14155550901,,,', 'Away,,+442079460958,,,'].join('\n'));
    expect(res.body).toMatchObject({ created: 1, invalid: [{ row: 2, field: 'phone', message: expect.stringContaining('in GB') }] });
    const created = await request(h.app)
      .post('/api/leads')
      .set('Authorization', user.auth)
      .send({ firstName: 'Away', phone: '+919876543210' });
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([{ field: 'phone', message: expect.stringContaining('dials only US') }]);
  });
});
