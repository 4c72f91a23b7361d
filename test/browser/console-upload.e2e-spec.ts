import { readFile } from 'fs/promises';
import { ROSTER_HEADINGS } from '@sanbao/contracts';
import { rosterXlsx, startWithEducation } from '../support/bureau-files';
import { calmPolicy } from '../support/issue-driver';
import { xlsxSheets } from '../support/papers';
import { screenshots } from './support/chromium';
import type { ConsolePages } from './support/console-pages';
import { ConsoleSuite } from './support/console-suite';

interface Globals {
  document: { querySelector(selector: string): { value?: number } | null };
  setInterval(callback: () => void, ms: number): number;
  seen?: number[];
}

/** Starts noting the checking bar's value every 50 ms, to read back how it moved. */
async function watchProgress(pages: ConsolePages): Promise<void> {
  await pages.page.evaluate(() => {
    const g = globalThis as unknown as Globals;
    g.seen = [];
    g.setInterval(() => {
      const bar = g.document.querySelector('progress[data-test=progress-checked]');
      if (bar && typeof bar.value === 'number') g.seen?.push(bar.value);
    }, 50);
  });
}

/**
 * A bureau officer uploads the bureau's roster from the console (Debian's Chromium against
 * the real API, worker, education service, PostgreSQL, NATS and Temporal): a workbook with
 * Chinese headings and bad rows, written here with exceljs; they watch it go and be checked,
 * download the sheet of rejected rows and a template; a supervisor downloads the register.
 */
describe('bureau files in the web console', () => {
  let suite: ConsoleSuite;

  beforeAll(async () => {
    suite = await ConsoleSuite.start(() => startWithEducation('cupload', { policy: calmPolicy() }));
  }, 600_000);

  afterAll(async () => {
    await suite?.close();
  });

  it('lets a bureau officer upload a roster, watch it being checked and download the error sheet', async () => {
    const { county } = suite;
    const officer = await suite.person('bureau');
    await officer.page.locator('nav a[href="#/files"]').click();
    await officer.settled();
    expect(await officer.text('h1')).toBe('上传行业名单');

    const form = officer.form('upload');
    await form.locator('select[name=kind]').selectOption('roster');
    await form.locator('input[name=term]').fill('2026-autumn');
    await form.locator('input[name=termStart]').fill('2026-09-01');
    const roster = await rosterXlsx({
      n: 3000,
      absent: 2,
      village: county.villages[0],
      tag: `W${county.suffix.slice(-4)}`,
      bad: [4, 2500],
    });
    await form.locator('input[name=file]').setInputFiles({
      name: '2026秋季学籍.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: roster,
    });
    await watchProgress(officer);
    await form.locator('button[type=submit]').click();

    // The bytes go (XMLHttpRequest's upload progress), then the rows are checked.
    await officer.page.locator('[data-test=upload-status]').waitFor({ timeout: 30_000 });
    const done = officer.page.locator('[data-test=upload-status][data-status=done]');
    await done.waitFor({ timeout: 60_000 });
    expect(
      await officer.page.locator('progress[data-test=progress-sent]').getAttribute('value'),
    ).toBe('100');
    const seen = await officer.page.evaluate(() => (globalThis as unknown as Globals).seen ?? []);
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen[seen.length - 1]).toBe(100);
    expect(await officer.text('[data-test=upload-done]')).toBe(
      '核对完成：共 3000 行，接收 2998 行，退回 2 行，新风险信号 2 条。',
    );
    await screenshots(officer.page, '30-upload-done');

    // The sheet of rejected rows, opened as a county office would.
    const [sheetFile] = await Promise.all([
      officer.page.waitForEvent('download'),
      officer.page.locator('[data-test=download-errors]').click(),
    ]);
    expect(sheetFile.suggestedFilename()).toBe('roster-errors.xlsx');
    const [errors, summary] = await xlsxSheets(await readFile(await sheetFile.path()));
    expect(errors.table.map((row) => row.slice(0, 3))).toEqual([
      ['行号', '列', '原因'],
      ['6', '出生日期', '须为日期，写作 YYYY-MM-DD（如 2026-09-01）'],
      ['2502', '出生日期', '须为日期，写作 YYYY-MM-DD（如 2026-09-01）'],
    ]);
    expect(summary.table).toContainEqual(['退回行数 rejected', '2']);

    // The blank template, with the Chinese headings.
    const [templateFile] = await Promise.all([
      officer.page.waitForEvent('download'),
      officer.page.locator('[data-test=template-xlsx]').click(),
    ]);
    const [template] = await xlsxSheets(await readFile(await templateFile.path()));
    expect(template.table[0]).toEqual(Object.values(ROSTER_HEADINGS.columns));

    // The same page in English.
    await officer.page.locator('[data-test=language]').click();
    expect(await officer.text('h1')).toBe("Upload the bureau's files");
  });

  it('shows a refused file with the field at fault', async () => {
    const officer = await suite.person('bureau');
    await officer.go('/files');
    const form = officer.form('upload');
    await form.locator('input[name=term]').fill('2026-autumn');
    await form.locator('input[name=termStart]').fill('2026-09-01');
    await form.locator('input[name=file]').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(64, 0xff)]),
    });
    await form.locator('button[type=submit]').click();
    const refusal = officer.page.locator('.notice.error[data-status="422"]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('file');
  });

  it('lets a supervisor download the accountability register from the dashboard', async () => {
    const supervisor = await suite.person('supervisor');
    await supervisor.go('/dashboard');
    const [file] = await Promise.all([
      supervisor.page.waitForEvent('download'),
      supervisor.page.locator('[data-test=register-xlsx]').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^accountability-\d{4}-\d{2}\.xlsx$/);
    const [lapses, groups] = await xlsxSheets(await readFile(await file.path()));
    expect(lapses.heading[0]).toContain('责任追究登记');
    expect(lapses.table[0].slice(0, 3)).toEqual(['责任单位', '环节', '台账编号']);
    expect(groups.table[0].slice(0, 3)).toEqual(['责任单位', '环节', '逾期次数']);
  });
});
