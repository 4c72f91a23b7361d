import type { Principal } from '@sanbao/auth';
import { STAGES as ALL_STAGES, TIMELINE_CATALOGUES } from '@sanbao/domain';
import type { MonthlyFigures, MonthlyReport } from '@sanbao/workflows';
import { layout, paperWords, readerUnit, type Paper, type PaperLang } from '../papers/paper';
import type { OpenTable } from '../papers/paper-response';

const COUNTS: Array<[Exclude<keyof MonthlyFigures, 'stageDays'>, string, string]> = [
  ['new', '新增', 'New'],
  ['lateEntries', '其中补报', 'Late entries'],
  ['verified', '核查', 'Verified'],
  ['forwarded', '转办', 'Forwarded'],
  ['persuaded', '劝导', 'Persuaded'],
  ['unfounded', '不属实', 'Unfounded'],
  ['planned', '制定方案', 'Planned'],
  ['resolved', '解决', 'Resolved'],
  ['writtenOff', '销号', 'Written off'],
  ['merged', '合并', 'Merged'],
  ['overdue', '逾期', 'Overdue'],
  ['extended', '延期', 'Extended'],
  ['sentBack', '退回', 'Sent back'],
  ['rerouted', '改派', 'Re-routed'],
  ['stillOpen', '未结', 'Still open'],
];
/** the open stages, each with its own columns (the domain's order) */
const STAGES = ALL_STAGES.filter((s) => s !== 'closed');

/** The report's columns: where, the counts, then each stage's count, median and worst days. */
function columns(): Paper['columns'] {
  const zh = TIMELINE_CATALOGUES['zh-CN'].words.stage;
  const en = TIMELINE_CATALOGUES.en.words.stage;
  return [
    { key: 'townshipCode', zh: '乡镇代码', en: 'Township code', width: 12 },
    { key: 'township', zh: '乡镇', en: 'Township', width: 14 },
    { key: 'sector', zh: '行业', en: 'Sector', width: 10 },
    ...COUNTS.map(([key, z, e]) => ({ key, zh: z, en: e, width: 8 })),
    ...STAGES.flatMap((s) => [
      { key: `${s}_count`, zh: `${zh[s]}件数`, en: `${en[s]}: done`, width: 9 },
      {
        key: `${s}_median_days`,
        zh: `${zh[s]}用时中位数（天）`,
        en: `${en[s]}: median days`,
        width: 11,
      },
      {
        key: `${s}_worst_days`,
        zh: `${zh[s]}最长用时（天）`,
        en: `${en[s]}: worst days`,
        width: 11,
      },
    ]),
  ];
}

function figures(f: MonthlyFigures): Record<string, number | null> {
  const cells: Record<string, number | null> = {};
  for (const [key] of COUNTS) cells[key] = f[key];
  for (const s of STAGES) {
    const d = f.stageDays[s] ?? { count: 0, medianDays: null, worstDays: null };
    cells[`${s}_count`] = d.count;
    cells[`${s}_median_days`] = d.medianDays;
    cells[`${s}_worst_days`] = d.worstDays;
  }
  return cells;
}

/**
 * 月报 as a paper: one line per township and sector, the county total as the totals row.
 * Sheet 2 (XLSX only) says which month, zone, who produced it and when.
 */
export async function writeReport(
  report: MonthlyReport,
  reader: Principal,
  lang: PaperLang,
  open: OpenTable,
): Promise<void> {
  const words = paperWords(lang, report.timeZone);
  const zh = lang === 'zh-CN';
  const [year, month] = report.month.split('-');
  const paper = layout(
    {
      title: {
        // The running month is provisional: its figures change until it ends.
        zh: `问题办理月报（${year}年${Number(month)}月${report.provisional ? '，未结月临时数' : ''}）`,
        en: `Monthly report ${report.month}${report.provisional ? ' (provisional)' : ''}`,
      },
      unit: readerUnit(reader, words),
      period: `${words.time(report.fromAt)} — ${words.time(report.toAt)}`,
      columns: columns(),
    },
    lang,
    words.time(report.generatedAt),
  );
  const table = open(paper);
  for (const r of report.rows) {
    await table.row({
      townshipCode: r.townshipCode,
      township: r.townshipName,
      sector: words.word('sector', r.sector),
      ...figures(r.figures),
    });
  }
  await table.totals(figures(report.totals));
  await table.end();

  const about = open(
    layout(
      {
        title: { zh: '说明', en: 'About' },
        unit: readerUnit(reader, words),
        period: report.month,
        columns: [
          { key: 'what', zh: '项目', en: 'What', width: 16 },
          { key: 'value', zh: '内容', en: 'Value', width: 30 },
        ],
      },
      lang,
      words.time(report.generatedAt),
    ),
  );
  const lines: Array<[string, string, string]> = [
    ['月份', 'month', report.month],
    ['时区', 'time zone', report.timeZone],
    ['起', 'from', words.time(report.fromAt)],
    ['止', 'to', words.time(report.toAt)],
    ['生成方式', 'produced by', report.producedBy],
    ['生成时间', 'generated at', words.time(report.generatedAt)],
    ['临时数', 'provisional', report.provisional ? (zh ? '是' : 'yes') : zh ? '否' : 'no'],
    ['版本', 'version', report.version === null ? '' : String(report.version)],
    ...(report.correction
      ? ([
          ['更正原因', 'correction', report.correction.reason],
          ['更正人', 'corrected by', report.correction.by.name],
        ] as Array<[string, string, string]>)
      : []),
  ];
  for (const [z, e, value] of lines) await about.row({ what: zh ? z : e, value });
  await about.end();
}
