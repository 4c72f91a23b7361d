import { PassThrough } from 'node:stream';
import { csvRows, xlsxSheets } from '../../../../test/support/papers';
import { layout, paperWords, readerUnit, type Paper } from './paper';
import { csvCell, PaperWorkbook, paperCsv } from './paper-writers';

const paper: Paper = {
  title: { zh: '问题台账', en: 'Issue ledger' },
  unit: '乡镇 522633101',
  period: '2026-12',
  columns: [
    { key: 'no', zh: '台账编号', en: 'Ledger no.' },
    { key: 'summary', zh: '摘要', en: 'Summary' },
    { key: 'days', zh: '逾期天数', en: 'Days late' },
  ],
};
const rows = [
  { no: 'A-1', summary: '=HYPERLINK("x")', days: 1.5 },
  { no: 'A-2', summary: '含逗号,和"引号"\n换行', days: null },
];

function collect(out: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => out.on('end', () => resolve(Buffer.concat(chunks))));
}

describe('papers', () => {
  it('prints a sheet as a township office files it: title, unit, period, frozen headings, totals', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    const book = new PaperWorkbook(out);
    const table = book.sheet(layout(paper, 'zh-CN', '2026-12-01 09:00'));
    for (const row of rows) await table.row(row);
    await table.totals({ days: 1.5 });
    await table.end();
    await book.end();
    const [sheet] = await xlsxSheets(await bytes);
    expect(sheet.name).toBe('问题台账');
    expect(sheet.heading).toEqual([
      '问题台账',
      '填报单位：乡镇 522633101',
      '统计期间：2026-12',
      '制表时间：2026-12-01 09:00（北京时间）',
    ]);
    expect(sheet.frozen).toBe(5);
    expect(sheet.table).toEqual([
      ['台账编号', '摘要', '逾期天数'],
      ['A-1', '=HYPERLINK("x")', '1.5'],
      ['A-2', '含逗号,和"引号"\n换行', ''],
      ['合计', '', '1.5'],
    ]);
    expect(sheet.bold).toEqual([true, false, false, true]);
  });

  it('writes the same table as CSV with a BOM, formulas made harmless, and English on request', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    const table = paperCsv(layout(paper, 'en', '2026-12-01 09:00'), out);
    for (const row of rows) await table.row(row);
    await table.totals({ days: 1.5 });
    await table.end();
    expect(csvRows((await bytes).toString('utf8'))).toEqual([
      ['Ledger no.', 'Summary', 'Days late'],
      ['A-1', `'=HYPERLINK("x")`, '1.5'],
      ['A-2', '含逗号,和"引号"\n换行', ''],
      ['Total', '', '1.5'],
    ]);
  });

  it('says codes in words and instants in Beijing time, whatever the host zone', () => {
    const zh = paperWords('zh-CN', 'Asia/Shanghai');
    expect(zh.time('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    // A date cell holds the county wall clock: Excel shows 00:30, the CSV writes it as text.
    expect(zh.date('2026-12-31T16:30:00Z')?.toISOString()).toBe('2027-01-01T00:30:00.000Z');
    expect(csvCell(zh.date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
    expect(zh.word('stage', 'verification')).toBe('入户核查');
    expect(zh.word('stage', 'unheard_of')).toBe('unheard_of');
    expect(zh.unit('bureau:education')).toBe('县义务教育主管部门');
    expect(readerUnit({ role: 'supervisor' }, zh)).toBe('全县');
    expect(readerUnit({ role: 'township', townshipCode: '522633101' }, zh)).toBe('乡镇 522633101');
    expect(paperWords('en', 'Asia/Shanghai').word('level', 'red')).toBe('Red: seriously overdue');
  });
});
