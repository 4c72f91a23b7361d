import { randomUUID } from 'crypto';
import { readFile } from 'fs/promises';
import { issueWorkflowId } from '@sanbao/temporal';
import { ApiStack, eventually, type TestCounty, type TestUser } from '../support/api-stack';
import { uniqueId } from '../support/env';
import { xlsxSheets } from '../support/papers';
import { fastPolicy } from '../support/issue-driver';
import { screenshots } from './support/chromium';
import { ConsolePages, countyLocal } from './support/console-pages';
import { ConsoleSuite } from './support/console-suite';

/**
 * The staff web console in a real browser (Debian's Chromium driven by playwright-core) against
 * the real API, worker, Temporal server, PostgreSQL and NATS. People act only through the pages;
 * the API is used directly only to set the scene for the extension vote.
 */
describe('the web console', () => {
  // Verification falls due in 4 s and turns red 8 s later (a lapse and an escalation to see);
  // every other limit leaves time to act, and a general issue must be solved within an hour.
  const policy = fastPolicy({
    limits: {
      verification: { seconds: 4 },
      townshipDecision: { seconds: 900 },
      solutionPlan: { seconds: 900 },
      generalResolution: { seconds: 3600 },
      majorResolution: { seconds: 7200 },
      writeOff: { seconds: 900 },
      extensionVote: { seconds: 900 },
    },
    redAfter: { seconds: 8 },
    reminderEvery: { seconds: 900 },
    leaderQuorum: 2,
  });

  let suite: ConsoleSuite;
  let stack: ApiStack;
  let county: TestCounty;
  let baseUrl: string;
  /** the issue taken from report to write-off in the first test, inspected in later ones */
  let ledgerNo: string;
  let household: string;

  beforeAll(async () => {
    suite = await ConsoleSuite.start(() =>
      ApiStack.start('console', { policy }).then((s) => ({ stack: s })),
    );
    ({ stack, county, baseUrl } = suite);
  }, 600_000);

  afterAll(async () => {
    await suite?.close();
  });

  /** A person on their own device, signed in. */
  const person = (user: TestUser): Promise<ConsolePages> => suite.person(user);

  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000);
  const ledgerRow = (id: string) =>
    stack.http
      .get(`/issues/${id}`)
      .set('Authorization', `Bearer ${county.tokens.supervisor}`)
      .then((r) => r.body as { overdueLevel: string; lapseCount: number; status: string });

  it('serves the console at /console/ and sends / there', async () => {
    const root = await stack.http.get('/').redirects(0);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/console/');
    const page = await (await suite.newContext()).newPage();
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${baseUrl}/console/`);
    await page.locator('input[name=username]').waitFor();
    expect(await page.locator('h1').innerText()).toBe('登录');
    await screenshots(page, '01-sign-in');

    // A wrong password says so, and changes nothing.
    await page.locator('input[name=username]').fill(county.users.village.username);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await page.locator('.notice.error').waitFor();
    expect(await page.locator('.notice.error').innerText()).toBe('用户名或密码不正确。');
  });

  it('takes an issue from report to write-off through the pages of a village cadre, a township officer and a bureau officer', async () => {
    // Household numbers are stored and shown in their one form: upper case (normaliseId).
    household = uniqueId('HH')
      .replace(/[^A-Za-z0-9-]/g, '')
      .toUpperCase();
    // The village cadre reports what the patrol found.
    const village = await person('village');
    expect(await village.text('h1')).toBe(`village ${county.suffix}，您好`);
    await village.go('/report');
    const report = village.form('report');
    await report.locator('select[name=kind]').selectOption('not_returned');
    await report.locator('input[name=household]').fill(household);
    await report.locator('input[name=personRef]').fill('child-1');
    await report.locator('textarea[name=summary]').fill('村级巡查：孩子开学两周仍未返校。');
    const reported = await village.act(() => report.locator('button[type=submit]').click());
    expect(reported.ok).toBe(true);
    ledgerNo = /(\d{4}-EDU-\d{6})/.exec(reported.text)?.[1] ?? '';
    expect(reported.text).toContain(`已上报，台账编号 ${ledgerNo}`);
    await screenshots(village.page, '02-report');

    // Nobody visits in time: the limit passes, the lapse is recorded and it turns red.
    await eventually(
      () => ledgerRow(ledgerNo),
      (row) => row.overdueLevel === 'red' && row.lapseCount === 1,
      'the verification lapse, escalated to red',
    );
    await village.go('/work');
    const item = village.page.locator(`.work-item[data-ledger-no="${ledgerNo}"]`);
    expect(await item.locator('.mark.red').innerText()).toBe('红色预警');
    expect(await item.locator('.task').innerText()).toBe('入户核查');
    await screenshots(village.page, '03-my-work-village');
    await item.locator('a.button').click();
    await village.settled();
    const verification = village.form('verification');
    await verification
      .locator('textarea[name=findings]')
      .fill('入户核实：孩子在家照顾生病的祖母，未返校。');
    const verified = await village.act(() => verification.locator('button[type=submit]').click());
    expect(verified).toMatchObject({ ok: true });
    expect(verified.text).toContain('问题现处于“乡镇研判”阶段');

    // The township officer forwards it to the county bureau.
    const township = await person('township');
    await township.go('/work');
    await township.page.locator(`.work-item[data-ledger-no="${ledgerNo}"] a.button`).click();
    await township.settled();
    const decision = township.form('townshipDecision');
    await decision.locator('input[name=decision][value=forward]').check();
    await decision.locator('textarea[name=explanation]').fill('需县教科局协调学校安排返校。');
    await screenshots(township.page, '04-issue-township-decision');
    const decided = await township.act(() => decision.locator('button[type=submit]').click());
    expect(decided.text).toContain('问题现处于“制定方案”阶段');

    // The bureau officer's first plan is refused by the workflow (a general issue must be solved
    // within the county's limit) and the page says why; the corrected plan is accepted.
    const bureau = await person('bureau');
    await bureau.go(`/issues/${ledgerNo}`);
    const plan = bureau.form('solutionPlan');
    await plan.locator('input[name=responsibleUnit]').fill('县教科局学生资助中心');
    await plan.locator('input[name=responsiblePerson]').fill('陈敏');
    await plan.locator('textarea[name=measures]').fill('学校派车接送返校\n落实寄宿生生活补助');
    await plan.locator('input[name=severity][value=general]').check();
    await plan.locator('input[name=completionDate]').fill(countyLocal(inMinutes(30 * 24 * 60)));
    const refused = await bureau.act(() => plan.locator('button[type=submit]').click());
    expect(refused.ok).toBe(false);
    expect(refused.status).toBe('422');
    expect(refused.text).toContain('内容需要修改');
    expect(refused.text).toContain(
      'solutionPlan: completionDate is beyond the limit for a general issue',
    );
    await screenshots(bureau.page, '05-act-refused');
    expect(await bureau.text('[data-test=stage]')).toBe('制定方案');
    await plan.locator('input[name=completionDate]').fill(countyLocal(inMinutes(30)));
    const planned = await bureau.act(() => plan.locator('button[type=submit]').click());
    expect(planned.text).toContain('问题现处于“解决落实”阶段');

    await bureau.page.locator('[data-choice=progressNote]').click();
    const progress = bureau.form('progressNote');
    await progress.locator('textarea[name=note]').fill('已与学校对接，周一返校。');
    const noted = await bureau.act(() => progress.locator('button[type=submit]').click());
    expect(noted.text).toContain('已提交“报告进展”');
    await bureau.page.locator('[data-choice=completion]').click();
    const completion = bureau.form('completion');
    await completion.locator('textarea[name=outcome]').fill('学生已返校就读，补助已发放。');
    await completion
      .locator('textarea[name=evidenceRefs]')
      .fill('school-register:2026-03-06:row-17');
    await screenshots(bureau.page, '06-issue-resolution');
    const completed = await bureau.act(() => completion.locator('button[type=submit]').click());
    expect(completed.text).toContain('问题现处于“销号核验”阶段');

    // The township checks with the household and writes it off.
    await township.go('/work');
    await township.page.locator(`.work-item[data-ledger-no="${ledgerNo}"] a.button`).click();
    await township.settled();
    const writeOff = township.form('writeOffCheck');
    await writeOff.locator('input[name=result][value=resolved]').check();
    await writeOff.locator('textarea[name=reason]').fill('回访确认孩子已返校。');
    const closed = await township.act(() => writeOff.locator('button[type=submit]').click());
    expect(closed.text).toContain('问题现处于“已办结”阶段');
    await township.page.locator('text=此问题已办结（已销号）').waitFor();

    // The ledger finds it among the closed ones; the household's issues are together.
    await eventually(
      () => ledgerRow(ledgerNo),
      (row) => row.status === 'closed',
      'closed row',
    );
    await township.go('/ledger?status=closed');
    const row = township.page.locator(`tr[data-ledger-no="${ledgerNo}"]`);
    expect(await row.innerText()).toContain('已办结 · 已销号');
    await screenshots(township.page, '07-ledger');
    const [download] = await Promise.all([
      township.page.waitForEvent('download'),
      township.page.locator('[data-test=export]').click(),
    ]);
    const [ledgerSheet] = await xlsxSheets(await readFile(await download.path()));
    expect(ledgerSheet.heading[0]).toBe('问题台账');
    expect(ledgerSheet.table[0].slice(0, 3)).toEqual(['台账编号', '行业', '类型']);
    expect(ledgerSheet.table.map((r) => r[0])).toContain(ledgerNo);
    await row.locator(`a[href="#/households/${household}"]`).click();
    await township.settled();
    expect(await township.text('h1')).toBe(`户 ${household} 的全部问题`);
    expect(await township.page.locator('tr[data-ledger-no]').count()).toBe(1);
    await screenshots(township.page, '08-household');
  });

  it('lets a supervisor read the timeline with every act, the lapse and the escalation', async () => {
    const supervisor = await person('supervisor');
    await screenshots(supervisor.page, '09-home-supervisor');
    await supervisor.go(`/issues/${ledgerNo}/timeline`);
    const kinds: Array<string | null> = [];
    for (const entry of await supervisor.page.locator('[data-test=timeline] li').all()) {
      kinds.push(await entry.getAttribute('data-kind'));
    }
    for (const kind of [
      'opened',
      'overdue',
      'escalation',
      'verification',
      'townshipDecision',
      'solutionPlan',
      'progressNote',
      'completion',
      'writeOffCheck',
      'closed',
      'lapse',
      'deadline',
    ]) {
      expect(kinds).toContain(kind);
    }
    const lapse = supervisor.page.locator('li.entry.lapse');
    expect(await lapse.count()).toBe(1);
    expect(await lapse.innerText()).toContain('责任追究：红星村“入户核查”逾期');
    expect(await supervisor.page.locator('li.entry.warning[data-kind=escalation]').count()).toBe(1);
    const verification = supervisor.page.locator('li[data-kind=verification]');
    expect(await verification.innerText()).toContain(`village ${county.suffix}（村干部）`);
    expect(await verification.innerText()).toContain('入户核实：孩子在家照顾生病的祖母，未返校。');
    // The deadlines are drawn: one bar per stage, the late verification in red.
    expect(await supervisor.page.locator('svg.axis g[data-stage]').count()).toBe(5);
    expect(
      await supervisor.page.locator('svg.axis g[data-stage=verification] rect.late').count(),
    ).toBe(1);
    const temporal = await supervisor.page
      .locator('[data-test=temporal-link]')
      .getAttribute('href');
    expect(temporal).toContain(`/namespaces/${stack.config.temporal.namespace}/workflows/`);
    // The link names the issue's workflow by its keyed hash, never by the household.
    expect(temporal).toContain(
      issueWorkflowId(
        stack.config.temporal.workflowIdSecret,
        `issue:education:${household}/CHILD-1:out_of_school`,
      ),
    );
    expect(temporal).not.toContain(household);
    await screenshots(supervisor.page, '10-timeline');
  });

  it('lets a county leader approve an extension, seeing the plan, the reason, the milestones and the other votes', async () => {
    // The scene through the API: a major issue at resolution, one leader has already voted.
    const api = (user: TestUser, path: string, body: object) =>
      stack.http
        .post(path)
        .set('Authorization', `Bearer ${county.tokens[user]}`)
        .send({ requestId: randomUUID(), ...body })
        .expect((r) => {
          if (r.status >= 300) throw new Error(`${path}: ${r.status} ${r.text}`);
        });
    const reported = await api('village', '/issues', {
      sector: 'education',
      kind: 'dropped_out',
      subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
      summary: '巡查发现：孩子辍学在家。',
      channel: 'village_patrol',
    });
    const no = reported.body.ledgerNo as string;
    await api('village', `/issues/${no}/verification`, {
      confirmed: true,
      findings: '核实辍学。',
      visitedAt: new Date().toISOString(),
    });
    await api('township', `/issues/${no}/township-decision`, {
      decision: 'forward',
      explanation: '转县教科局。',
    });
    await api('bureau', `/issues/${no}/solution-plan`, {
      responsiblePerson: '陈敏',
      responsibleUnit: '县教科局',
      measures: ['一人一案送教上门'],
      completionDate: inMinutes(60).toISOString(),
      severity: 'major',
    });

    // The bureau officer asks for more time through the page.
    const bureau = await person('bureau');
    await bureau.go(`/issues/${no}`);
    await bureau.page.locator('[data-choice=extensionRequest]').click();
    const request = bureau.form('extensionRequest');
    await request.locator('input[name=newDeadline]').fill(countyLocal(inMinutes(180)));
    await request.locator('textarea[name=reason]').fill('需等待特殊教育学校学位，申请延期。');
    await request.locator('input[name=milestone-0]').fill('联系特教学校落实学位');
    await request.locator('input[name=milestone-due-0]').fill(countyLocal(inMinutes(120)));
    await screenshots(bureau.page, '11-extension-request');
    const requested = await bureau.act(() => request.locator('button[type=submit]').click());
    expect(requested.text).toContain('已提交“申请延期”');

    await eventually(
      () =>
        stack.http
          .get('/extensions?status=awaiting')
          .set('Authorization', `Bearer ${county.tokens.leader1}`)
          .then((r) => r.body as Array<{ ledgerNo: string }>),
      (list) => list.some((e) => e.ledgerNo === no),
      'the extension awaiting votes',
    );
    await api('leader1', `/issues/${no}/leader-votes`, {
      approve: true,
      comment: '同意，每周报告进展。',
    });

    const leader = await person('leader2');
    expect(await leader.text('[data-test=open-count]')).toBe('1');
    await screenshots(leader.page, '12-home-leader');
    await leader.go('/approvals');
    const card = leader.page.locator(`li.extension[data-ledger-no="${no}"]`);
    expect(await card.locator('[data-test=reason]').innerText()).toBe(
      '需等待特殊教育学校学位，申请延期。',
    );
    expect(await card.locator('[data-test=milestones]').innerText()).toContain(
      '联系特教学校落实学位',
    );
    expect(await card.innerText()).toContain('一人一案送教上门');
    expect(await card.locator('.votes').innerText()).toContain(`leader1 ${county.suffix}`);
    expect(await card.locator('.votes').innerText()).toContain('同意，每周报告进展。');
    await card.locator('textarea[name=comment]').fill('同意延期，按节点推进。');
    await screenshots(leader.page, '13-approvals');
    const voted = await leader.act(() => card.locator('[data-vote=approve]').click());
    expect(voted.text).toBe(`您对 ${no} 的表决已记录：同意。`);
    // With two approvals the leaders' decision is made: approved, with both votes shown.
    const decision = leader.page.locator(`[data-test=decided] li[data-ledger-no="${no}"]`);
    await eventually(
      async () => {
        await leader.go('/approvals');
        return (await decision.count()) ? decision.innerText() : '';
      },
      (text) => text.includes('获批准'),
      'the approved extension on the page',
    );
    const decided = await decision.innerText();
    expect(decided).toContain(`leader1 ${county.suffix}`);
    expect(decided).toContain(`leader2 ${county.suffix}`);
    expect(await leader.page.locator('[data-test=no-approvals]').count()).toBe(1);
  });

  it('shows supervisors and leaders the dashboard with counts, on-time rates and the overdue list', async () => {
    const leader = await person('leader3');
    await leader.go('/dashboard');
    // Counts are the county's: at least the two issues of this suite, one closed, one open.
    expect(Number(await leader.text('[data-test=total-open]'))).toBeGreaterThanOrEqual(1);
    const townships = leader.page.locator('table[data-test="dashboard.onTimeTownships"]');
    // The verification was late in this township this month: its rate is below 100%.
    const row = townships.locator('tr', { hasText: `城关镇${county.suffix}` });
    expect(await row.locator('td').nth(1).innerText()).not.toBe('0');
    expect(await row.locator('td').nth(2).innerText()).not.toBe('100%');
    expect(await leader.page.locator('svg.trend rect').count()).toBeGreaterThan(0);
    // The month's report (the County API's 月报): this township's education row, and the file.
    const report = leader.page.locator('[data-test=monthly-report]');
    await report.locator('table').waitFor();
    const reportRow = report.locator('tr', { hasText: `城关镇${county.suffix}` });
    expect(await reportRow.locator('td').nth(1).innerText()).toBe('义务教育');
    expect(Number(await reportRow.locator('td').nth(2).innerText())).toBe(2); // new this month
    const [file] = await Promise.all([
      leader.page.waitForEvent('download'),
      report.locator('[data-test=download-xlsx]').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^monthly-report-\d{4}-\d{2}\.xlsx$/);
    const [reportSheet] = await xlsxSheets(await readFile(await file.path()));
    expect(reportSheet.table[0].slice(0, 4)).toEqual(['乡镇代码', '乡镇', '行业', '新增']);
    expect(reportSheet.table.map((r) => r[2])).toContain('义务教育');
    await screenshots(leader.page, '14-dashboard');
  });

  it('sends an issue back from the village and lets the township re-route it to the right village', async () => {
    // The scene: a hotline report filed for the wrong village (red star, 红星村).
    const reported = await stack.http
      .post('/issues')
      .set('Authorization', `Bearer ${county.tokens.village}`)
      .send({
        requestId: randomUUID(),
        sector: 'education',
        kind: 'not_enrolled',
        subject: { kind: 'household', id: uniqueId('HH'), villageCode: county.villages[0] },
        summary: '热线反映：适龄儿童未入学。',
        channel: 'hotline',
      })
      .expect(201);
    const routed = reported.body.ledgerNo as string;

    // The village cadre sends it back with the reason, from the issue page.
    const village = await person('village');
    await village.go(`/issues/${routed}`);
    await village.page.locator('button[data-choice=sendBack]').click();
    const back = village.form('sendBack');
    await back.locator('textarea[name=reason]').fill('经核实，该户户籍在光明村，不属本村。');
    await screenshots(village.page, '13-send-back');
    const sent = await village.act(() => back.locator('button[type=submit]').click());
    expect(sent.ok).toBe(true);
    await village.go('/work');
    expect(await village.page.locator(`.work-item[data-ledger-no="${routed}"]`).count()).toBe(0);

    // The township officer finds it in My work as a re-route and names the right village.
    const township = await person('township');
    await township.go('/work');
    const item = township.page.locator(`.work-item[data-ledger-no="${routed}"]`);
    expect(await item.locator('.task').innerText()).toBe('转办');
    await item.locator('a.button').click();
    await township.settled();
    const reroute = township.form('reroute');
    await reroute.locator('input[name=villageCode]').fill(county.villages[1]);
    await reroute.locator('textarea[name=reason]').fill('该户户籍在光明村，转光明村核查。');
    await screenshots(township.page, '14-reroute');
    const moved = await township.act(() => reroute.locator('button[type=submit]').click());
    expect(moved.ok).toBe(true);

    // The right village now has it to verify; the timeline says both, in Chinese.
    const other = await person('otherVillage');
    await other.go('/work');
    const task = other.page.locator(`.work-item[data-ledger-no="${routed}"] .task`);
    expect(await task.innerText()).toBe('入户核查');
    await other.go(`/issues/${routed}/timeline`);
    const sentBack = other.page.locator('[data-test=timeline] li[data-kind=sendBack]');
    expect(await sentBack.innerText()).toContain('退回');
    expect(await sentBack.innerText()).toContain('经核实，该户户籍在光明村，不属本村。');
    const rerouted = other.page.locator('[data-test=timeline] li[data-kind=reroute]');
    expect(await rerouted.innerText()).toContain('转办');
    await screenshots(other.page, '15-timeline-rerouted');
  });

  it('switches to English and back', async () => {
    const village = await person('village');
    await village.page.locator('[data-test=language]').click();
    await village.go('/work');
    expect(await village.text('h1')).toBe('My work');
    expect(await village.page.locator('.tabs a.active').innerText()).toBe('My work');
    await screenshots(village.page, '15-my-work-english');
    await village.page.locator('[data-test=language]').click();
    expect(await village.text('h1')).toBe('我的待办');
  });
});
