import {
  countyMonth,
  countyMonthBounds,
  countyTime,
  monthBefore,
  TIMELINE_CATALOGUES,
} from '@sanbao/domain';
import type { MonthlyReport } from '@sanbao/workflows';
import { randomUUID } from 'crypto';
import type { IssueHistory } from '../../apps/api/src/issues/history.service';
import type { AccountabilityRegister } from '../../apps/api/src/issues/issue-reads.service';
import { ReportScheduleService } from '../../apps/api/src/reports/report-schedule.service';
import { TemporalClientService } from '@sanbao/temporal';
import type { LedgerIssueView } from '../../apps/api/src/issues/issue-views';
import type { Dashboard } from '../../apps/api/src/views';
import {
  ApiStack,
  eventually,
  seedCounty,
  type TestCounty,
  type TestUser,
} from '../support/api-stack';
import { uniqueId } from '../support/env';
import { calmPolicy } from '../support/issue-driver';
import { binaryParser, csvRows, sameTable, xlsxSheets } from '../support/papers';

describe('the monthly report through the API', () => {
  let stack: ApiStack;
  let county: TestCounty;
  let month: string;
  const policy = calmPolicy({
    limits: { verification: { seconds: 3 } },
    leaderQuorum: 1,
    maxBackdateDays: 40,
  });

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

  it('counts a month of real issues as they happened', async () => {
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
      lateEntries: 0,
      verified: 4,
      forwarded: 2,
      persuaded: 1,
      unfounded: 1,
      planned: 2,
      resolved: 1,
      writtenOff: 1,
      merged: 0,
      overdue: 0,
      extended: 1,
      stillOpen: 1,
      sentBack: 0,
      rerouted: 0,
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

    // Each reader sees their part: a township its own rows, a bureau its sector, a village none.
    const mine = (await as('township').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    expect(new Set(mine.rows.map((r) => r.townshipCode))).toEqual(new Set([county.townships[0]]));
    const sector = (await as('bureau').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    expect(new Set(sector.rows.map((r) => r.sector))).toEqual(new Set(['education']));
    await as('village').get(`/reports/monthly/${month}`).expect(403);

    // The month is still running: provisional, and nobody can keep (close) it yet.
    expect(json).toMatchObject({ provisional: true, version: null, correction: null });
    const early = await as('supervisor').post(`/reports/monthly/${month}`).expect(409);
    expect(early.body.message).toMatch(new RegExp(`^${month} has not ended .*cannot be kept`));
    const again = (await as('leader2').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    expect(again).toMatchObject({ kept: false, provisional: true });
    expect(again.rows).toEqual(json.rows);
    const corrected = await as('supervisor')
      .post(`/reports/monthly/${month}/corrections`, { requestId: randomUUID(), reason: '补录。' })
      .expect(409);
    expect(corrected.body.message).toMatch(/has not ended/);
  });

  it('gives the month as CSV and XLSX papers with Chinese headings, the JSON figures cell for cell', async () => {
    const json = (await as('supervisor').get(`/reports/monthly/${month}`).expect(200))
      .body as MonthlyReport;
    const row = (township: string, sector: string) =>
      json.rows.find((r) => r.townshipCode === township && r.sector === sector);
    // CSV: the same numbers, line for line, under Chinese headings.
    const csv = await as('supervisor').get(`/reports/monthly/${month}?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="monthly-report-${month}.csv"`,
    );
    const lines = csvRows(csv.text);
    const header = lines[0];
    expect(header.slice(0, 4)).toEqual(['乡镇代码', '乡镇', '行业', '新增']);
    const csvRow = lines.find(
      (l) => l[0] === county.townships[0] && l[2] === '义务教育',
    ) as string[];
    const figures = row(county.townships[0], 'education')?.figures as MonthlyReport['totals'];
    for (const [key, heading] of [
      ['new', '新增'],
      ['lateEntries', '其中补报'],
      ['verified', '核查'],
      ['forwarded', '转办'],
      ['persuaded', '劝导'],
      ['unfounded', '不属实'],
      ['planned', '制定方案'],
      ['resolved', '解决'],
      ['writtenOff', '销号'],
      ['merged', '合并'],
      ['overdue', '逾期'],
      ['extended', '延期'],
      ['stillOpen', '未结'],
    ] as const) {
      expect([key, Number(csvRow[header.indexOf(heading)])]).toEqual([key, figures[key]]);
    }
    expect(Number(csvRow[header.indexOf('入户核查用时中位数（天）')])).toBe(
      figures.stageDays.verification.medianDays,
    );
    expect(lines).toHaveLength(1 + json.rows.length + 1);
    const total = lines[lines.length - 1];
    expect(total[0]).toBe('合计');
    expect(Number(total[header.indexOf('新增')])).toBe(json.totals.new);

    // English on request: the same table under English headings.
    const english = csvRows(
      (await as('supervisor').get(`/reports/monthly/${month}?format=csv&lang=en`).expect(200)).text,
    );
    expect(english[0].slice(0, 4)).toEqual(['Township code', 'Township', 'Sector', 'New']);
    expect(english.slice(1).map((l) => l[header.indexOf('新增')])).toEqual(
      lines.slice(1).map((l) => l[header.indexOf('新增')]),
    );

    // XLSX: a printable sheet (title, unit, month, frozen headings, totals), the CSV's table.
    const xlsx = await as('supervisor')
      .get(`/reports/monthly/${month}?format=xlsx`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    const [sheet, about] = await xlsxSheets(xlsx.body as Buffer);
    const [year, mm] = month.split('-');
    // The running month is provisional, and its title says so.
    expect(sheet.heading[0]).toBe(`问题办理月报（${year}年${Number(mm)}月，未结月临时数）`);
    expect(sheet.heading[1]).toBe('填报单位：全县');
    expect(sheet.heading[2]).toMatch(/^统计期间：\d{4}-\d{2}-01 00:00 — /);
    expect(sheet.frozen).toBe(5);
    sameTable(lines, sheet);
    expect(sheet.bold[sheet.bold.length - 1]).toBe(true);
    expect(about.table.slice(1).map((r) => r[0])).toContain('月份');

    // Bad input: an unknown format or language is a 422 naming the field.
    for (const [query, field] of [
      ['format=pdf', 'format'],
      ['format=csv&lang=fr', 'lang'],
      ['format=xlsx&lang=zh-CN%00', 'lang'],
    ]) {
      const bad = await as('supervisor').get(`/reports/monthly/${month}?${query}`).expect(422);
      expect(Object.keys((bad.body as { fields?: object }).fields ?? {})).toContain(field);
    }
  });

  it('files the accountability register (责任追究) as CSV and XLSX with Chinese headings, as its JSON has it', async () => {
    // The first test left a lapse (河西乡's report nobody verified in time).
    const json = (await as('supervisor').get('/accountability?pageSize=500').expect(200))
      .body as AccountabilityRegister;
    expect(json.items.length).toBeGreaterThan(0);
    const csv = await as('supervisor').get('/accountability?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="accountability-recent.csv"',
    );
    const lines = csvRows(csv.text);
    expect(lines[0]).toEqual([
      '责任单位',
      '环节',
      '台账编号',
      '行业',
      '乡镇',
      '办理时限',
      '发现逾期',
      '预警等级',
      '办结时间',
      '逾期天数',
    ]);
    const body = lines.slice(1, -1);
    expect(body.map((l) => l[2])).toEqual(json.items.map((i) => i.ledgerNo));
    const first = json.items[0];
    // County time (Beijing), as the office reads it; stages and sectors in words.
    expect(body[0][5]).toBe(countyTime(first.dueAt, policy.timeZone));
    expect(body[0][1]).toBe(
      TIMELINE_CATALOGUES['zh-CN'].words.stage[first.stage as 'verification'],
    );
    expect(body[0][3]).toBe('义务教育');
    expect(lines[lines.length - 1].slice(0, 2)).toEqual(['合计', `${json.items.length} 次`]);

    const xlsx = await as('supervisor')
      .get('/accountability?format=xlsx')
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    const [register, summary] = await xlsxSheets(xlsx.body as Buffer);
    expect(register.name).toBe('责任追究登记');
    expect(register.heading[0]).toBe('责任追究登记');
    expect(register.heading[1]).toBe('填报单位：全县');
    expect(register.frozen).toBe(5);
    expect(register.table[0]).toEqual(lines[0]);
    expect(register.table.slice(1).map((r) => r[2])).toEqual(lines.slice(1).map((l) => l[2]));
    expect(summary.table[0]).toEqual([
      '责任单位',
      '环节',
      '逾期次数',
      '仍未办结',
      '累计逾期天数',
      '最长逾期天数',
    ]);
    const totals = summary.table[summary.table.length - 1];
    expect([totals[0], Number(totals[2])]).toEqual([
      '合计',
      json.groups.reduce((n, g) => n + g.lapses, 0),
    ]);

    const english = csvRows(
      (await as('supervisor').get('/accountability?format=csv&lang=en').expect(200)).text,
    );
    expect(english[0].slice(0, 3)).toEqual(['Responsible unit', 'Stage', 'Ledger no.']);

    // Bad input answers JSON, never half a file; a village may not read the register at all.
    for (const [query, field] of [
      ['format=docx', 'format'],
      ['format=csv&lang=zh', 'lang'],
      ['format=xlsx&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from'],
      ['format=csv&townshipCode=../../etc', 'townshipCode'],
    ]) {
      const bad = await as('supervisor').get(`/accountability?${query}`).expect(422);
      expect(bad.headers['content-type']).toMatch(/json/);
      expect(bad.headers['content-disposition']).toBeUndefined();
      expect(Object.keys((bad.body as { fields?: object }).fields ?? {})).toContain(field);
    }
    await as('village').get('/accountability?format=csv').expect(403);
  });

  it('recounts the running month on every read: after another act its figures have moved', async () => {
    const read = async () =>
      (await as('supervisor').get(`/reports/monthly/${month}`).expect(200)).body as MonthlyReport;
    const before = await read();
    expect(before).toMatchObject({ provisional: true, kept: false });
    const id = await report('village', county.villages[0]);
    const after = await eventually(
      read,
      (r) => r.totals.new === before.totals.new + 1,
      'the new issue in the running month',
    );
    expect(after.provisional).toBe(true);
    await verify(id);
    const verified = await eventually(
      read,
      (r) => r.totals.verified === after.totals.verified + 1,
      'the verification in the running month',
    );
    expect(Date.parse(verified.generatedAt)).toBeGreaterThan(Date.parse(before.generatedAt));
  });

  it('keeps an ended month once; a correction is a new version with a reason, and both stay', async () => {
    const closed = '2025-06';
    const v1 = (await as('supervisor').post(`/reports/monthly/${closed}`).expect(201))
      .body as MonthlyReport;
    expect(v1).toMatchObject({ kept: true, provisional: false, version: 1, correction: null });
    const twice = await as('supervisor').post(`/reports/monthly/${closed}`).expect(409);
    expect(twice.body.message).toMatch(/already kept \(version 1\).*corrections/);

    // A correction without a reason is refused by field; by a township, by role.
    const noReason = await as('supervisor')
      .post(`/reports/monthly/${closed}/corrections`, { requestId: randomUUID(), reason: ' ' })
      .expect(422);
    expect(Object.keys(noReason.body.fields)).toEqual(['reason']);
    await as('township')
      .post(`/reports/monthly/${closed}/corrections`, { requestId: randomUUID(), reason: '补录。' })
      .expect(403);

    const requestId = randomUUID();
    const reason = '城关镇两户漏报，补录后重新统计。';
    const v2 = (
      await as('supervisor')
        .post(`/reports/monthly/${closed}/corrections`, { requestId, reason })
        .expect(201)
    ).body as MonthlyReport;
    expect(v2).toMatchObject({
      kept: true,
      version: 2,
      producedBy: 'correction',
      correction: { reason, requestId, by: { role: 'supervisor' } },
    });
    expect(Date.parse(v2.correction?.at ?? '')).toBeGreaterThan(Date.parse(v1.generatedAt));
    // The same request again answers with the same version; another reason under it is refused.
    const repeat = (
      await as('supervisor')
        .post(`/reports/monthly/${closed}/corrections`, { requestId, reason })
        .expect(201)
    ).body as MonthlyReport;
    expect(repeat.version).toBe(2);
    const reused = await as('supervisor')
      .post(`/reports/monthly/${closed}/corrections`, { requestId, reason: '另一个理由。' })
      .expect(409);
    expect(reused.body.message).toMatch(/request_id_reused/);

    // Both versions are readable: the latest by default, the first as it was produced.
    const latest = (await as('leader2').get(`/reports/monthly/${closed}`).expect(200))
      .body as MonthlyReport;
    expect(latest).toMatchObject({ version: 2, correction: { reason } });
    const first = (await as('leader2').get(`/reports/monthly/${closed}?version=1`).expect(200))
      .body as MonthlyReport;
    expect(first).toEqual({ ...v1 });
    await as('leader2').get(`/reports/monthly/${closed}?version=3`).expect(404);
    const versions = (await as('supervisor').get(`/reports/monthly/${closed}/versions`).expect(200))
      .body as Array<{ version: number; producedBy: string; correction: unknown }>;
    expect(versions.map((v) => [v.version, v.producedBy])).toEqual([
      [1, 'on_demand'],
      [2, 'correction'],
    ]);
    const list = (await as('supervisor').get('/reports/monthly').expect(200)).body as Array<{
      month: string;
      version: number;
    }>;
    expect(list.filter((r) => r.month === closed)).toEqual([
      expect.objectContaining({ version: 2 }),
    ]);
    // The database itself keeps every version: no update, no delete.
    await expect(
      stack.query(`UPDATE monthly_report SET totals = '{}' WHERE month = $1`, [closed]),
    ).rejects.toThrow(/append-only/);
    await expect(
      stack.query(`DELETE FROM monthly_report WHERE month = $1`, [closed]),
    ).rejects.toThrow(/append-only/);
  });

  it('counts a back-dated report in the month it arrived, as a late entry, in all three places', async () => {
    // Dated an hour before this county month began: in last month, within the 40-day bound.
    const reportedAt = new Date(
      countyMonthBounds(month, policy.timeZone).from.getTime() - 3_600_000,
    );
    const reportNow = async () =>
      (await as('supervisor').get(`/reports/monthly/${month}`).expect(200)).body as MonthlyReport;
    const dashboardNow = async () =>
      (await as('supervisor').get(`/console-api/dashboard?month=${month}`).expect(200))
        .body as Dashboard;
    const thisMonth = (d: Dashboard) => d.monthOnMonth.find((m) => m.month === month);
    const [reportBefore, dashboardBefore] = [await reportNow(), await dashboardNow()];
    const lastMonthBefore = await as('supervisor')
      .get(`/reports/monthly/${monthBefore(month)}`)
      .expect(200);

    const answer = await as('village')
      .post('/issues', {
        requestId: randomUUID(),
        sector: 'education',
        kind: 'not_enrolled',
        subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
        summary: '适龄儿童未入学（补报）。',
        channel: 'hotline',
        reportedAt: reportedAt.toISOString(),
      })
      .expect(201);
    const ledgerNo = answer.body.ledgerNo as string;
    const enteredAt = Date.now();
    // It keeps its own time, and its first limit runs from the entry: not overdue on arrival.
    const issue = (await eventually(
      async () =>
        (await as('supervisor').get(`/issues/${encodeURIComponent(ledgerNo)}`)).body as
          LedgerIssueView | undefined,
      (v) => v?.ledgerNo === ledgerNo,
      'the back-dated issue in the ledger',
    )) as LedgerIssueView;
    expect(issue.reportedAt).toBe(reportedAt.toISOString());
    expect(issue.overdueLevel).toBe('none');
    expect(Date.parse(issue.currentDueAt ?? '')).toBeGreaterThan(enteredAt);

    // The report: new and late in this month; the month it names does not change.
    const report = await eventually(
      reportNow,
      (r) => r.totals.new === reportBefore.totals.new + 1,
      'the late entry in the report',
    );
    expect(report.totals.lateEntries).toBe(reportBefore.totals.lateEntries + 1);
    const township = report.rows.find(
      (r) => r.townshipCode === county.townships[0] && r.sector === 'education',
    );
    expect(township?.figures.lateEntries).toBe(1);
    const lastMonth = await as('supervisor')
      .get(`/reports/monthly/${monthBefore(month)}`)
      .expect(200);
    expect((lastMonth.body as MonthlyReport).totals).toEqual(
      (lastMonthBefore.body as MonthlyReport).totals,
    );

    // The dashboard: the same month, opened and late.
    const dashboard = await dashboardNow();
    expect(thisMonth(dashboard)).toMatchObject({
      opened: (thisMonth(dashboardBefore)?.opened ?? 0) + 1,
      lateEntries: (thisMonth(dashboardBefore)?.lateEntries ?? 0) + 1,
    });

    // The register: its missed verification limit (3 s after the entry) in this month, marked.
    const register = await eventually(
      async () =>
        (await as('supervisor').get(`/accountability?month=${month}&pageSize=500`).expect(200))
          .body as AccountabilityRegister,
      (r) => r.items.some((i) => i.ledgerNo === ledgerNo),
      'the late entry in the register',
    );
    expect(register).toMatchObject({ month, from: report.fromAt, to: report.toAt });
    const lapse = register.items.find((i) => i.ledgerNo === ledgerNo);
    expect(lapse).toMatchObject({ stage: 'verification', lateEntry: true });
    expect(Date.parse(lapse?.dueAt ?? '')).toBeGreaterThan(enteredAt);
    expect(register.items.filter((i) => i.lateEntry).map((i) => i.ledgerNo)).toEqual([ledgerNo]);
    const lastRegister = (
      await as('supervisor')
        .get(`/accountability?month=${monthBefore(month)}`)
        .expect(200)
    ).body as AccountabilityRegister;
    expect(lastRegister.items.some((i) => i.ledgerNo === ledgerNo)).toBe(false);
    // A month and a range at once is refused by field.
    const both = await as('supervisor')
      .get(`/accountability?month=${month}&from=${encodeURIComponent(report.fromAt)}`)
      .expect(422);
    expect(Object.keys(both.body.fields)).toEqual(['month']);
  });

  it('refuses a report back-dated past the county bound, naming the field', async () => {
    const old = new Date(Date.now() - (policy.maxBackdateDays ?? 0) * 86_400_000 - 3_600_000);
    const response = await as('village')
      .post('/issues', {
        requestId: randomUUID(),
        sector: 'education',
        kind: 'not_enrolled',
        subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
        summary: '适龄儿童未入学。',
        channel: 'hotline',
        reportedAt: old.toISOString(),
      })
      .expect(422);
    expect(response.body.fields).toEqual({
      reportedAt: [
        `must not be more than ${policy.maxBackdateDays} days before now (the county's back-date limit)`,
      ],
    });
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
