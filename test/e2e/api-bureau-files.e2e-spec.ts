import { ROSTER_HEADINGS } from '@sanbao/contracts';
import { randomUUID } from 'crypto';
import { Workbook } from 'exceljs';
import { eventually, seedCounty, type ApiStack, type TestCounty } from '../support/api-stack';
import { binary, rosterXlsx, startWithEducation } from '../support/bureau-files';

/**
 * A bureau officer's roster file through the API (POST /bureau-files/<sector>/<kind>/uploads):
 * read by the API with the sector services' reader, relayed to the real education service
 * with the API's machine key, its progress and error sheet read back; and what is refused.
 */
interface Progress {
  status: string;
  processed: number;
  errorSheet: string;
}
/** The fields of an error answer. */
const fieldsOf = (body: unknown) => (body as { fields: Record<string, string[]> }).fields;

describe('bureau files from the console (API)', () => {
  let stack: ApiStack;
  let county: TestCounty;
  let close: () => Promise<void>;
  const ROUTE = '/bureau-files/education/roster';

  beforeAll(async () => {
    // Small limits, so that "too big" and "too many rows" are cheap to send.
    ({ stack, close } = await startWithEducation('bfiles', {
      env: { INGEST_BODY_LIMIT_MB: '1', INGEST_MAX_RECORDS: '1200' },
    }));
    county = await seedCounty(stack, 'education');
  }, 600_000);

  afterAll(async () => {
    await close?.();
  });

  const send = (token: string, file: Buffer | undefined, name: string, fields: object = {}) => {
    let req = stack.http.post(`${ROUTE}/uploads`).set('Authorization', `Bearer ${token}`);
    for (const [key, value] of Object.entries({
      requestId: randomUUID(),
      term: '2026-autumn',
      termStart: '2026-09-01',
      ...fields,
    })) {
      if (value !== undefined) req = req.field(key, String(value));
    }
    return file ? req.attach('file', file, { filename: name }) : req;
  };

  const progress = (id: string, token = county.tokens.bureau) =>
    stack.as(token).get(`${ROUTE}/uploads/${id}`);

  it('takes an .xlsx roster with Chinese headings, reports progress and serves its error sheet', async () => {
    const village = county.villages[0];
    const file = await rosterXlsx({ n: 1100, absent: 3, village, tag: 'A', bad: [4, 1000] });
    const requestId = randomUUID();
    const started = await send(county.tokens.bureau, file, '2026秋季学籍.xlsx', { requestId });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      sector: 'education',
      kind: 'roster',
      fileName: '2026秋季学籍.xlsx',
      format: 'xlsx',
      received: 1100,
    });
    expect(started.headers.location).toBe(`${ROUTE}/uploads/${started.body.id}`);
    const id = started.body.id as string;

    const seen: number[] = [];
    const done = await eventually(
      async () => {
        const body = (await progress(id).expect(200)).body as Progress;
        seen.push(body.processed);
        return body;
      },
      (body) => body.status !== 'checking',
      'the upload to be checked',
      60_000,
    );
    expect(done).toMatchObject({
      status: 'done',
      received: 1100,
      processed: 1100,
      accepted: 1098,
      rejected: 2,
      signalsRaised: 3,
      failure: null,
      errorSheet: `${ROUTE}/uploads/${id}/errors.xlsx`,
    });
    // Progress only ever moves forward, a slice at a time.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    // The same request again: the same upload, not a second one.
    const again = await send(county.tokens.bureau, file, 'again.xlsx', { requestId });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);

    const sheet = await stack
      .as(county.tokens.bureau)
      .get(done.errorSheet)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sheet.headers['content-disposition']).toContain('roster-errors.xlsx');
    const book = new Workbook();
    await book.xlsx.load(sheet.body as ArrayBuffer);
    const errors = book.worksheets[0];
    expect((errors.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['行号', '列', '原因']);
    // Sheet rows: the heading row, then 1-based; rows 5 and 1001 of the roster.
    expect((errors.getRow(2).values as unknown[]).slice(1, 4)).toEqual([
      6,
      '出生日期',
      '须为日期，写作 YYYY-MM-DD（如 2026-09-01）',
    ]);
    expect((errors.getRow(3).values as unknown[])[1]).toBe(1002);

    // Another officer does not see it.
    await progress(id, county.tokens.otherBureau).expect(403);
  });

  it('offers the templates with Chinese headings', async () => {
    const xlsx = await stack
      .as(county.tokens.bureau)
      .get(`${ROUTE}/template.xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const headings = (book.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(headings).toEqual(Object.values(ROSTER_HEADINGS.columns));
    const csv = await stack.as(county.tokens.bureau).get(`${ROUTE}/template.csv`).expect(200);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(headings.join(','));
    const kinds = await stack.as(county.tokens.bureau).get('/bureau-files/education').expect(200);
    expect(kinds.body).toContainEqual({
      kind: 'roster',
      title: ROSTER_HEADINGS.title,
      fields: expect.arrayContaining([
        { name: 'term', required: true },
        { name: 'batchId', required: false },
      ]),
    });
  });

  it('refuses other roles and sectors before reading the file', async () => {
    const file = await rosterXlsx({ n: 2, absent: 0, village: county.villages[0], tag: 'R' });
    for (const user of ['township', 'otherBureau', 'supervisor', 'admin'] as const) {
      const refused = await send(county.tokens[user], file, 'r.xlsx');
      expect({ user, status: refused.status }).toEqual({ user, status: 403 });
    }
    await stack.http.post(`${ROUTE}/uploads`).attach('file', file, 'r.xlsx').expect(401);
    // The water bureau's officer on education's route, and education's on water's.
    await stack.as(county.tokens.otherBureau).get(`${ROUTE}/template.xlsx`).expect(403);
    await stack.as(county.tokens.bureau).get('/bureau-files/water').expect(403);
  });

  it('answers bad files and forms with 413 or 422 and the field at fault', async () => {
    const token = county.tokens.bureau;
    const village = county.villages[0];
    const good = await rosterXlsx({ n: 2, absent: 0, village, tag: 'F' });

    // Over INGEST_BODY_LIMIT_MB (1 MB here).
    // (900 rows of 1.2 kB: under the row and row-count limits, over the byte limit)
    const wide = `${'x'.repeat(1200)},${village}\r\n`.repeat(900);
    const big = await send(token, Buffer.from(`householdId,villageCode\r\n${wide}`), 'big.csv');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: 'payload_too_large' });
    expect(big.body.message).toContain('1 MB');

    // Not a spreadsheet: an image, and a zip that is not a workbook.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]);
    const image = await send(token, Buffer.concat([png, Buffer.alloc(64, 0xff)]), 'photo.png');
    expect(image.status).toBe(422);
    expect(fieldsOf(image.body).file.join(' ')).toMatch(/UTF-8 or GB18030/);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
    const notBook = await send(token, zip, 'fake.xlsx');
    expect(notBook.status).toBe(422);
    expect(Object.keys(notBook.body.fields)).toEqual(['file']);

    // A NUL in a cell: not CSV text.
    const nul = `${Object.values(ROSTER_HEADINGS.columns).join(',')}\r\nH1,${village},x\u0000y\r\n`;
    const withNul = await send(token, Buffer.from(nul, 'utf8'), 'nul.csv');
    expect(withNul.status).toBe(422);
    expect(fieldsOf(withNul.body).file.join(' ')).toContain('NUL');

    // More rows than INGEST_MAX_RECORDS (1200 here).
    const many = await rosterXlsx({ n: 1201, absent: 0, village, tag: 'M' });
    const tooMany = await send(token, many, 'many.xlsx');
    expect(tooMany.status).toBe(422);
    expect(fieldsOf(tooMany.body).file[0]).toContain('1200');

    // The form: no file, no request id, a bad term.
    expect((await send(token, undefined, '')).body.fields).toHaveProperty('file');
    const noId = await send(token, good, 'r.xlsx', { requestId: undefined });
    expect(noId.status).toBe(422);
    expect(noId.body.fields).toHaveProperty('requestId');
    const badTerm = await send(token, good, 'r.xlsx', { term: 'autumn' });
    expect(badTerm.status).toBe(422);
    expect(badTerm.body.fields).toHaveProperty('term');

    // An unknown kind, and an upload id that is not one.
    await stack.as(token).post('/bureau-files/education/grades/uploads').expect(404);
    await progress('not-a-uuid').expect(404);
    await progress(randomUUID()).expect(404);
    // Nothing of the refused files was kept.
    const kept = await stack.query<{ n: string }>(
      `SELECT count(*) AS n FROM bureau_upload WHERE user_id = $1`,
      [county.users.bureau.id],
    );
    expect(Number(kept[0].n)).toBe(1);
  });
});
