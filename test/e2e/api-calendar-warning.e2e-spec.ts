import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiStack, seedCounty, type TestCounty } from '../support/api-stack';

/**
 * The holiday calendar cannot run out silently: with a policy file whose lists end a year
 * before today (2025's State Council calendar only), the dashboard the county's leaders,
 * supervisors and administrator read, and /health's details, warn that this year is not covered. The lists end
 * before any date this test can run on, so it does not depend on today (nor on November).
 */
describe('the calendar coverage warning on the dashboard', () => {
  let stack: ApiStack;
  let county: TestCounty;
  const folder = mkdtempSync(path.join(tmpdir(), 'sanbao-policy-'));
  const thisYear = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
      new Date(),
    ),
  );

  beforeAll(async () => {
    const file = path.join(folder, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 'lists-of-2025',
        dayKind: 'working',
        // 国务院办公厅关于2025年部分节假日安排的通知 (abridged: one day of each holiday)
        holidays: ['2025-01-01', '2025-01-28', '2025-04-04', '2025-05-01', '2025-10-01'],
        makeUpWorkdays: ['2025-01-26', '2025-09-28'],
      }),
    );
    stack = await ApiStack.start('calendar', { env: { DEADLINE_POLICY_FILE: file } });
    county = await seedCounty(stack, 'education');
  }, 600_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows the years missing from the holiday lists to leaders, supervisors and the administrator', async () => {
    expect(stack.config.deadlinePolicy.version).toBe('lists-of-2025');
    for (const user of ['supervisor', 'leader1', 'admin'] as const) {
      const dashboard = await stack
        .as(county.tokens[user])
        .get('/console-api/dashboard')
        .expect(200);
      const warning = (dashboard.body as { calendarWarning: unknown }).calendarWarning as {
        coveredYears: number[];
        missingYears: number[];
      };
      expect(warning.coveredYears).toEqual([2025]);
      expect(warning.missingYears).toContain(thisYear);
      expect(warning.missingYears.every((year) => year > 2025)).toBe(true);
    }
  });

  it('says the same on /health, as a warning that keeps the app up', async () => {
    const health = await stack.http.get('/health').expect(200);
    const calendar = (health.body as { details: Record<string, Record<string, unknown>> }).details
      .calendar;
    expect(calendar).toMatchObject({
      status: 'up',
      level: 'warn',
      policyVersion: 'lists-of-2025',
      coveredYears: [2025],
    });
    expect(calendar.missingYears).toContain(thisYear);
  });
});
