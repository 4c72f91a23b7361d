import type { Principal } from '@sanbao/auth';
import { layout, paperWords, readerUnit, type Paper, type PaperLang } from '../papers/paper';
import type { OpenTable } from '../papers/paper-response';
import type { LedgerIssueView } from '../views';

const COLUMNS: Paper['columns'] = [
  { key: 'ledgerNo', zh: '台账编号', en: 'Ledger no.', width: 18 },
  { key: 'sector', zh: '行业', en: 'Sector', width: 10 },
  { key: 'kind', zh: '类型', en: 'Kind', width: 20 },
  { key: 'household', zh: '户编号', en: 'Household', width: 20 },
  { key: 'personRef', zh: '对象', en: 'Person', width: 10 },
  { key: 'townshipCode', zh: '乡镇', en: 'Township', width: 12 },
  { key: 'villageCode', zh: '村', en: 'Village', width: 14 },
  { key: 'channel', zh: '来源', en: 'Channel', width: 12 },
  { key: 'summary', zh: '摘要', en: 'Summary', width: 36 },
  { key: 'stage', zh: '阶段', en: 'Stage', width: 10 },
  { key: 'status', zh: '状态', en: 'Status', width: 8 },
  { key: 'closure', zh: '办结方式', en: 'Closure', width: 10 },
  { key: 'severity', zh: '程度', en: 'Severity', width: 8 },
  { key: 'reportedAt', zh: '上报时间', en: 'Reported', width: 17 },
  { key: 'currentDueAt', zh: '当前时限', en: 'Due', width: 17 },
  { key: 'overdue', zh: '逾期', en: 'Overdue', width: 10 },
  { key: 'responsibleUnit', zh: '责任单位', en: 'Responsible unit', width: 18 },
  { key: 'responsiblePerson', zh: '责任人', en: 'Responsible person', width: 10 },
  { key: 'measures', zh: '措施', en: 'Measures', width: 36 },
  { key: 'lapseCount', zh: '逾期次数', en: 'Lapses', width: 8 },
  { key: 'extensionStatus', zh: '延期', en: 'Extension', width: 10 },
  { key: 'closedAt', zh: '销号时间', en: 'Closed', width: 17 },
];

const STATUS = {
  'zh-CN': { open: '办理中', closed: '已办结' },
  en: { open: 'open', closed: 'closed' },
};

/**
 * 台账 as a paper (XLSX or CSV), written row by row as the ledger is read: Chinese headings
 * (English with `lang=en`), codes as words, times in county time, and a totals row (issues,
 * lapses).
 */
export async function writeLedger(
  rows: AsyncIterable<LedgerIssueView>,
  reader: Principal,
  lang: PaperLang,
  timeZone: string,
  open: OpenTable,
): Promise<void> {
  const words = paperWords(lang, timeZone);
  const now = words.time(new Date());
  const table = open(
    layout(
      {
        title: { zh: '问题台账', en: 'Issue ledger' },
        unit: readerUnit(reader, words),
        period: lang === 'zh-CN' ? `截至 ${now}` : `as of ${now}`,
        columns: COLUMNS,
      },
      lang,
      now,
    ),
  );
  let issues = 0;
  let lapses = 0;
  for await (const view of rows) {
    issues += 1;
    lapses += view.lapseCount;
    await table.row({
      ledgerNo: view.ledgerNo,
      sector: words.word('sector', view.sector),
      kind: view.kind,
      household: view.subject.id,
      personRef: view.subject.personRef ?? '',
      townshipCode: view.townshipCode,
      villageCode: view.villageCode,
      channel: words.word('channel', view.channel),
      summary: view.summary,
      stage: words.word('stage', view.stage),
      status: STATUS[lang][view.status],
      closure: words.word('closure', view.closure),
      severity: words.word('severity', view.severity),
      reportedAt: words.date(view.reportedAt),
      currentDueAt: words.date(view.currentDueAt),
      overdue: view.overdue ? words.word('level', view.overdueLevel) : '',
      responsibleUnit: words.unit(view.responsibleUnit),
      responsiblePerson: view.responsiblePerson ?? '',
      measures: (view.measures ?? []).join(lang === 'zh-CN' ? '；' : '; '),
      lapseCount: view.lapseCount,
      extensionStatus: words.word('extension', view.extensionStatus),
      closedAt: words.date(view.closedAt),
    });
  }
  await table.totals({
    sector: lang === 'zh-CN' ? `${issues} 件` : `${issues} issues`,
    lapseCount: lapses,
  });
  await table.end();
}
