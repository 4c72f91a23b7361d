import type { MonthlyReport } from '@sanbao/workflows';
import { randomUUID } from 'crypto';
import type request from 'supertest';
import ExcelJS from 'exceljs';
import type { IssueHistory } from '../../apps/api/src/issues/history.service';
import { ReportScheduleService } from '../../apps/api/src/reports/report-schedule.service';
import { TemporalClientService } from '@sanbao/temporal';
import type { LedgerIssueView } from '../../apps/api/src/issues/issue-views';
import {
  ApiStack,
  eventually,
  seedCounty,
  type TestCounty,
  type TestUser,
} from '../support/api-stack';
import { uniqueId } from '../support/env';
import { calmPolicy } from '../support/issue-driver';

/** The county month (YYYY-MM) an instant falls in, and the month before it. */
function countyMonth(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}
function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function binaryParser(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('the monthly report through the API', () => {
  let stack: ApiStack;
  let county: TestCounty;
  let month: string;
  const policy = calmPolicy({ limits: { verification: { seconds: 3 } }, leaderQuorum: 1 });

  beforeAll(async () => {
    stack = await ApiStack.start('api-report', { policy });
    county = await seedCounty(stack, 'education');
    month = countyMonth(new Date(), policy.timeZone);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const as = (user: TestUser) => stack.as(county.tokens[user]);
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

  async function report(user: TestUser, villageCode: string): Promise<string> {
    const response = await as(user)
      .post('/issues', {
        requestId: randomUUID(),
        sector: 'education',
        kind: 'not_enrolled',
        subject: { kind: 'household', id: uniqueId('HH'), villageCode },
        summary: '适龄儿童未入学。',
        channel: 'hotline',
      })
      .expect(201);
    return response.body.ledgerNo as string;
  }
  async function act(user: TestUser, id: string, path: string, body: object) {
    const response = await as(user).post(`/issues/${id}/${path}`, {
      requestId: randomUUID(),
      ...body,
    });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    // The answer comes once the act is durable; the report reads the ledger: wait for it.
    const { seq } = response.body as { seq: number };
    await as(user).get(`/issues/${encodeURIComponent(id)}?minSeq=${seq}`);
  }
  const verify = (id: string) =>
    act('village', id, 'verification', {
      confirmed: true,
      findings: '属实。',
      visitedAt: new Date().toISOString(),
    });
  const decide = (id: string, decision: string) =>
    act('township', id, 'township-decision', { decision, explanation: '意见。' });
  const plan = (id: string, severity: string) =>
    act('bureau', id, 'solution-plan', {
      responsiblePerson: '陈敏',
      responsibleUnit: '县教科局',
      measures: ['措施'],
      completionDate: inSeconds(500),
      severity,
    });

  it('counts a month of real issues as they happened, in JSON, CSV and XLSX alike', async () => {
    // 城关镇 (township 1), education: four issues with four different fates.
    const a = await report('village', county.villages[0]);
    await verify(a);
    await decide(a, 'forward');
    await plan(a, 'general');
    await act('bureau', a, 'completion', { outcome: '已入学。', evidenceRefs: ['school:1'] });
    await act('township', a, 'write-off-check', { result: 'resolved' });
    const b = await report('village', county.villages[0]);
    await verify(b);
    await decide(b, 'persuade');
    const c = await report('village', county.villages[0]);
    await verify(c);
    await decide(c, 'unfounded');
    const d = await report('village', county.villages[0]);
    await verify(d);
    await decide(d, 'forward');
    await plan(d, 'major');
    await act('bureau', d, 'extension-request', {
      newDeadline: inSeconds(3000),
      reason: '延期。',
      milestones: [{ description: '节点', dueDate: inSeconds(2000) }],
    });
    await act('leader1', d, 'leader-votes', { approve: true, comment: '同意。' });
    // 河西乡 (township 2): one report nobody verifies in time.
    const e = await report('otherTownship', county.villages[2]);

    const ledger = (id: string) =>
      as('supervisor')
        .get(`/issues/${id}`)
        .then((r) => r.body as LedgerIssueView);
    await eventually(
      () => ledger(a),
      (row) => row.closure === 'written_off',
      'A written off',
    );
    await eventually(
      () => ledger(b),
      (row) => row.closure === 'persuaded',
      'B persuaded',
    );
    await eventually(
      () => ledger(c),
      (row) => row.closure === 'unfounded',
      'C unfounded',
    );
    await eventually(
      () => ledger(d),
      (row) => row.extensionStatus === 'approved',
      'D extended',
    );
    await eventually(
      () => ledger(e),
      (row) => row.lapseCount === 1,
      'E overdue',
    );

    // By hand: the verification times of A-D, from each issue's own history.
    const verificationDays: number[] = [];
    for (const id of [a, b, c, d]) {
      const history = (await as('supervisor').get(`/issues/${id}/history`).expect(200))
        .body as IssueHistory;
      const opened = history.timeline.find((x) => x.kind === 'opened');
      const verified = history.timeline.find((x) => x.kind === 'verification');
      verificationDays.push(
        (Date.parse(verified?.at ?? '') - Date.parse(opened?.at ?? '')) / 86_400_000,
      );
    }
    verificationDays.sort((x, y) => x - y);
    const round = (n: number) => Math.round(n * 10_000) / 10_000;

    const json = (await as('supervisor').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    expect(json).toMatchObject({
      month,
      kept: false,
      producedBy: 'on_demand',
      timeZone: policy.timeZone,
    });
    const row = (township: string, sector: string) =>
      json.rows.find((r) => r.townshipCode === township && r.sector === sector);
    expect(row(county.townships[0], 'education')?.figures).toEqual({
      new: 4,
      verified: 4,
      forwarded: 2,
      persuaded: 1,
      unfounded: 1,
      planned: 2,
      resolved: 1,
      writtenOff: 1,
      overdue: 0,
      extended: 1,
      stillOpen: 1,
      stageDays: {
        verification: {
          count: 4,
          medianDays: round((verificationDays[1] + verificationDays[2]) / 2),
          worstDays: round(verificationDays[3]),
        },
        township_decision: expect.objectContaining({ count: 4 }),
        solution_plan: expect.objectContaining({ count: 2 }),
        resolution: expect.objectContaining({ count: 1 }),
        write_off: expect.objectContaining({ count: 1 }),
      },
    });
    expect(row(county.townships[1], 'education')?.figures).toMatchObject({
      new: 1,
      verified: 0,
      overdue: 1,
      stillOpen: 1,
    });
    expect(row(county.townships[0], 'water')?.figures.new).toBe(0);

    // CSV: the same numbers, line for line.
    const csv = await as('supervisor').get(`/reports/monthly/${month}?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="monthly-report-${month}.csv"`,
    );
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = lines[0];
    const csvRow = lines.find(
      (l) => l[1] === county.townships[0] && l[3] === 'education',
    ) as string[];
    const figures = row(county.townships[0], 'education')?.figures as MonthlyReport['totals'];
    for (const key of [
      'new',
      'verified',
      'forwarded',
      'persuaded',
      'unfounded',
      'planned',
      'resolved',
      'writtenOff',
      'overdue',
      'extended',
      'stillOpen',
    ] as const) {
      expect([key, Number(csvRow[header.indexOf(key)])]).toEqual([key, figures[key]]);
    }
    expect(Number(csvRow[header.indexOf('verification_median_days')])).toBe(
      figures.stageDays.verification.medianDays,
    );
    expect(lines).toHaveLength(1 + json.rows.length + 1);
    const total = lines[lines.length - 1];
    expect(Number(total[header.indexOf('new')])).toBe(json.totals.new);

    // XLSX: the same table as the CSV, cell for cell.
    const xlsx = await as('supervisor')
      .get(`/reports/monthly/${month}?format=xlsx`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    const bytes = xlsx.body as Buffer;
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0];
    const cells: string[][] = [];
    sheet.eachRow((r) => {
      cells.push(
        // Empty cells are holes in exceljs's row array: Array.from visits them too.
        Array.from((r.values as unknown[]).slice(1), (v) =>
          typeof v === 'string' || typeof v === 'number' ? String(v) : '',
        ),
      );
    });
    const width = (r: string[]) =>
      [...r, ...Array<string>(header.length).fill('')].slice(0, header.length);
    expect(cells.map(width)).toEqual(lines.map(width));

    // Each reader sees their part: a township its own rows, a bureau its sector, a village none.
    const mine = (await as('township').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    expect(new Set(mine.rows.map((r) => r.townshipCode))).toEqual(new Set([county.townships[0]]));
    const sector = (await as('bureau').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    expect(new Set(sector.rows.map((r) => r.sector))).toEqual(new Set(['education']));
    await as('village').get(`/reports/monthly/${month}`).expect(403);

    // Kept on demand: the same figures, stored.
    const kept = (await as('supervisor').post(`/reports/monthly/${month}`).expect(201))
      .body as MonthlyReport;
    expect(kept).toMatchObject({ kept: true, producedBy: 'on_demand' });
    expect(kept.rows).toEqual(json.rows);
    const again = (await as('leader2').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    expect(again.kept).toBe(true);
    expect(again.rows).toEqual(json.rows);
  });

  it('is produced by a Temporal Schedule on the 1st of each month, for the month before', async () => {
    const scheduleId = stack.api.get(ReportScheduleService).scheduleId;
    const schedule = stack.api.get(TemporalClientService).client.schedule.getHandle(scheduleId);
    const description = await eventually(
      () => schedule.describe().catch(() => undefined),
      (d) => d !== undefined,
      'the report schedule',
    );
    expect(description?.spec.calendars?.[0]).toMatchObject({
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 1, end: 1, step: 1 }],
    });
    expect(description?.spec.timezone).toBe(policy.timeZone);
    await schedule.trigger();
    const previous = monthBefore(month);
    const list = await eventually(
      () =>
        as('supervisor')
          .get('/reports/monthly')
          .then((r) => r.body as Array<{ month: string; producedBy: string }>),
      (l) => l.some((r) => r.month === previous && r.producedBy === 'schedule'),
      'the scheduled report of the month before',
    );
    expect(list.find((r) => r.month === previous)).toMatchObject({ producedBy: 'schedule' });
  });

  it('counts from kept figures that equal a full recount of everything the suites wrote', async () => {
    // The workflows may still be flushing their last records: the counts move with each write,
    // so they equal a full recount whenever one is taken.
    expect(await stack.query('SELECT * FROM read_counts_check()')).toEqual([]);
  });
});
