import ExcelJS from 'exceljs';
import type { MonthlyFigures, MonthlyReport } from '@sanbao/workflows';

const COUNTS: Array<[Exclude<keyof MonthlyFigures, 'stageDays'>, string]> = [
  ['new', '新增 new'],
  ['verified', '核查 verified'],
  ['forwarded', '转办 forwarded'],
  ['persuaded', '劝导 persuaded'],
  ['unfounded', '不属实 unfounded'],
  ['planned', '制定方案 planned'],
  ['resolved', '解决 resolved'],
  ['writtenOff', '销号 written off'],
  ['merged', '合并 merged'],
  ['overdue', '逾期 overdue'],
  ['extended', '延期 extended'],
  ['stillOpen', '未结 still open'],
];
const STAGES = ['verification', 'township_decision', 'solution_plan', 'resolution', 'write_off'];

/** The report as a table: one line per township and sector, then the county total. */
export function reportTable(report: MonthlyReport): Array<Array<string | number | null>> {
  const header = [
    'month',
    'township_code',
    'township',
    'sector',
    ...COUNTS.map(([key]) => key),
    ...STAGES.flatMap((s) => [`${s}_count`, `${s}_median_days`, `${s}_worst_days`]),
  ];
  const line = (code: string, name: string, sector: string, f: MonthlyFigures) => [
    report.month,
    code,
    name,
    sector,
    ...COUNTS.map(([key]) => f[key]),
    ...STAGES.flatMap((s) => {
      const d = f.stageDays[s] ?? { count: 0, medianDays: null, worstDays: null };
      return [d.count, d.medianDays, d.worstDays];
    }),
  ];
  return [
    header,
    ...report.rows.map((r) => line(r.townshipCode, r.townshipName, r.sector, r.figures)),
    line('', 'county total', 'all', report.totals),
  ];
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // Quote what needs it, and neutralise a leading = + - @ so a spreadsheet reads text as text.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 CSV with a byte-order mark, so spreadsheet programs read the Chinese names right. */
export function reportCsv(report: MonthlyReport): string {
  return (
    '\uFEFF' +
    reportTable(report)
      .map((row) => row.map(csvCell).join(','))
      .join('\r\n') +
    '\r\n'
  );
}

export async function reportXlsx(report: MonthlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sanbao';
  const sheet = workbook.addWorksheet(`月报 ${report.month}`);
  const [header, ...rows] = reportTable(report);
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 4 }];
  const info = workbook.addWorksheet('about');
  info.addRow(['month', report.month]);
  info.addRow(['time zone', report.timeZone]);
  info.addRow(['from', report.fromAt]);
  info.addRow(['to', report.toAt]);
  info.addRow(['produced by', report.producedBy]);
  info.addRow(['generated at', report.generatedAt]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
