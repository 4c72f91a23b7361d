import { INestApplication } from '@nestjs/common';
import { ROSTER_HEADINGS } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { Workbook } from 'exceljs';
import { encode } from 'iconv-lite';
import request from 'supertest';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { binary, ROSTER_FIELDS } from '../support/bureau-files';
import { boot, isolatedConfig, machineKey, Observer, until } from './sector-support';

/**
 * Bureau files as they are: a roster saved by Excel on a Chinese Windows (GB18030 CSV), the
 * .xlsx itself with Chinese headings (filled into the downloaded template), and a 20,000-row
 * workbook whose rejected rows come back as a sheet. Fixtures are written here, with exceljs
 * and iconv-lite, on the real education service, intake and worker.
 */

const config = isolatedConfig('files');
const VILLAGE = '522633101201';
const TOWNSHIP = '522633101';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIELDS = ROSTER_FIELDS;
type Child = Record<(typeof FIELDS)[number], string | boolean>;

/** N children; the first K are missing this term; row 5 (index 4) has an impossible date. */
function roster(n: number, k: number, tag: string): Child[] {
  return Array.from({ length: n }, (_, i) => ({
    householdId: `H${tag}${String(i).padStart(5, '0')}`,
    personRef: `C${tag}${String(i).padStart(5, '0')}`,
    villageCode: VILLAGE,
    townshipCode: TOWNSHIP,
    householdCategory: i % 2 === 0 ? 'unstable' : 'marginal',
    birthDate: i === 4 ? '2016-13-01' : `201${(i % 8) + 1}-0${(i % 9) + 1}-15`,
    enrolledLastTerm: i % 3 !== 0,
    attendance: i < k ? 'absent' : 'enrolled',
  }));
}

function keyOf(child: Child): string {
  return issueKey({
    sector: 'education',
    subject: { id: child.householdId as string, personRef: child.personRef as string },
    kind: child.enrolledLastTerm ? 'not_returned' : 'not_enrolled',
  });
}

const cell = (child: Child, field: (typeof FIELDS)[number]) =>
  typeof child[field] === 'boolean' ? (child[field] ? '是' : '否') : String(child[field]);

/** The roster as CSV text, headed by field names or by the Chinese headings. */
function csvText(children: Child[], chinese: boolean): string {
  const header = FIELDS.map((f) => (chinese ? ROSTER_HEADINGS.columns[f] : f));
  const lines = children.map((c) => FIELDS.map((f) => cell(c, f)).join(','));
  return `${header.join(',')}\r\n${lines.join('\r\n')}\r\n`;
}

const arrayBuffer = (bytes: Buffer) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('ingest: bureau files as they are', () => {
  let worker: INestApplication;
  let intake: INestApplication;
  let education: INestApplication;
  let observer: Observer;
  let key: string;

  beforeAll(async () => {
    observer = await Observer.open(config);
    worker = await boot((c) => WorkerAppModule.forRoot(c), config);
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    education = await boot((c) => EducationAppModule.forRoot(c), config, { ingest: true });
    key = await machineKey(education, 'education');
  });

  afterAll(async () => {
    await education?.close();
    await intake?.close();
    await worker?.close();
    await observer?.close();
  });

  const upload = (file: Buffer, filename: string, path = '/ingest/roster/file') =>
    request(education.getHttpServer())
      .post(path)
      .set('x-api-key', key)
      .field('term', '2026-autumn')
      .field('termStart', '2026-09-01')
      .attach('file', file, { filename });

  /** The issue keys the first k children raised, once their workflows and ledger rows exist. */
  async function issuesOf(children: Child[], k: number): Promise<string[]> {
    const expected = children.slice(0, k).map(keyOf).sort();
    await until(`${k} issues`, async () => {
      const ids = await observer.issueIds();
      return expected.every((key) => ids.includes(observer.idOf(key)));
    });
    const rows = await until(`${k} ledger rows`, async () => {
      const found = await observer.ledgerRows(expected);
      return found.length === k ? found : undefined;
    });
    return rows.map((row) => row.issue_key).sort();
  }

  it('a GB18030 CSV and an .xlsx with Chinese headings raise what their UTF-8 twins do', async () => {
    // The UTF-8 twin, as the CSV upload always took it: field names as headings.
    const utf8 = roster(6, 3, 'U');
    const first = await upload(Buffer.from(csvText(utf8, false), 'utf8'), 'roster.csv').expect(200);
    const shape = {
      received: 6,
      accepted: 5,
      signalsRaised: 3,
      duplicateSignals: 0,
      rejected: [{ index: 4, line: 6, errors: [expect.objectContaining({ field: 'birthDate' })] }],
    };
    expect(first.body).toMatchObject(shape);

    // GB18030, as Excel on a Chinese Windows saves "CSV", with the Chinese headings.
    const gb = roster(6, 3, 'G');
    const gbFile = encode(csvText(gb, true), 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbFile)).toThrow();
    expect((await upload(gbFile, '名单.csv').expect(200)).body).toMatchObject(shape);

    // The same roster again in GB18030: the same signals, already raised.
    const again = await upload(encode(csvText(utf8, true), 'gb18030'), 'roster.csv').expect(200);
    expect(again.body).toMatchObject({ ...shape, signalsRaised: 0, duplicateSignals: 3 });

    // The .xlsx itself: the downloaded template, filled in; dates typed as Excel dates.
    const template = await request(education.getHttpServer())
      .get('/ingest/roster/template.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(arrayBuffer(template.body as Buffer));
    const sheet = book.worksheets[0];
    const headings = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const x = roster(6, 3, 'X');
    for (const child of x) {
      sheet.addRow(
        headings.map((heading) => {
          const field = Object.entries(ROSTER_HEADINGS.columns).find(([, h]) => h === heading)?.[0];
          if (field === 'birthDate' && child.birthDate !== '2016-13-01') {
            return new Date(`${child.birthDate as string}T00:00:00Z`);
          }
          return field && field in child ? cell(child, field as (typeof FIELDS)[number]) : null;
        }),
      );
    }
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect((await upload(xlsx, '名单.xlsx').expect(200)).body).toMatchObject({
      ...shape,
      rejected: [{ index: 4, line: 6, errors: [expect.objectContaining({ field: 'birthDate' })] }],
    });

    const [u, g, xs] = [await issuesOf(utf8, 3), await issuesOf(gb, 3), await issuesOf(x, 3)];
    const tagless = (ids: string[]) => ids.map((id) => id.replace(/[UGX](\d{5})/g, '$1'));
    expect(tagless(g)).toEqual(tagless(u));
    expect(tagless(xs)).toEqual(tagless(u));
    await until('intake caught up', () => observer.intakeCaughtUp());
    expect(await observer.signalCount()).toBe(9);
  });

  it('offers the CSV template with a BOM and the Chinese headings', async () => {
    const csv = await request(education.getHttpServer())
      .get('/ingest/roster/template.csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      Object.values(ROSTER_HEADINGS.columns).join(','),
    );
    await request(education.getHttpServer()).get('/ingest/grades/template.xlsx').expect(404);
  });

  it('takes a 20,000-row .xlsx within the body limit and answers its errors as a sheet', async () => {
    const rows = config.ingest.maxRecords;
    expect(rows).toBe(20_000);
    const book = new Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(FIELDS.map((f) => ROSTER_HEADINGS.columns[f]));
    const bad = new Set(Array.from({ length: 40 }, (_, i) => i * 500 + 7));
    for (let i = 0; i < rows; i += 1) {
      const child = roster(1, 0, `B${String(i).padStart(5, '0')}`)[0];
      sheet.addRow(
        FIELDS.map((f) => (f === 'birthDate' && bad.has(i) ? '2016-02-30' : cell(child, f))),
      );
    }
    const file = Buffer.from(await book.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(config.ingest.bodyLimitMb * 1024 * 1024);

    const answer = await upload(file, 'big.xlsx')
      .set('accept', XLSX)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(answer.headers['content-type']).toBe(XLSX);
    expect(answer.headers['x-ingest-received']).toBe('20000');
    expect(answer.headers['x-ingest-accepted']).toBe(String(rows - bad.size));

    const errors = new Workbook();
    await errors.xlsx.load(arrayBuffer(answer.body as Buffer));
    const sheetOf = errors.worksheets[0];
    expect((sheetOf.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['行号', '列', '原因']);
    expect(sheetOf.rowCount).toBe(bad.size + 1);
    const firstBad = Math.min(...bad);
    expect((sheetOf.getRow(2).values as unknown[]).slice(1, 4)).toEqual([
      firstBad + 2, // the sheet's row: the heading row, then 1-based
      '出生日期',
      '不是真实存在的日期',
    ]);
  });
});
