import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import {
  ACTS,
  calendarWarning,
  countyMonth,
  isActName,
  SECTORS,
  STAGE_ENDING_ACTS,
} from '@sanbao/domain';
import { stream, type Style } from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ApiError } from '../common/api.errors';
import { IssueHistoryService } from '../issues/history.service';
import { ledgerView } from '../issues/issue-views';
import type { LedgerQueryDto } from '../issues/issues.dto';
import { LedgerRepository, openingOf } from '../issues/ledger.repository';
import { inScope, readScope } from '../issues/scope';
import { DashboardRepository } from './dashboard.repository';
import type { Dashboard, IssueTimeline, OnTimeRow } from '../views';

export type { Dashboard, IssueTimeline, OnTimeRow } from '../views';

/** The stages a county bureau answers for (the others count against the township). */
const BUREAU_STAGES = new Set<string>(
  STAGE_ENDING_ACTS.filter((name) => ACTS[name].unit === 'bureau').map((name) => ACTS[name].stage),
);

/** an export's rows at most (a township's three years), and the rows read per query */
const EXPORT_LIMIT = 50_000;
const EXPORT_PAGE = 1_000;
const MONTHS_SHOWN = 6;
const OVERDUE_SHOWN = 100;

/** What the console shows that the County API has no single route for. Reads only. */
@Injectable()
export class ConsoleViewsService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly histories: IssueHistoryService,
    private readonly dashboards: DashboardRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An issue's timeline for anyone whose scope holds the issue (not only supervisors). */
  async timeline(principal: Principal, id: string): Promise<IssueTimeline> {
    const scope = readScope(principal);
    const row = await this.ledger.find(id);
    if (!row) throw new ApiError('not_found', `no issue ${id} in the ledger`);
    if (!inScope(scope, row)) throw new ApiError('forbidden', 'this issue is outside your scope');
    // By its ledger number: the timeline of this opening, not of a later one of the same key.
    return { issue: ledgerView(row), history: await this.histories.historyOf(openingOf(row)) };
  }

  async dashboard(month = this.currentMonth()): Promise<Dashboard> {
    const range = { month, timeZone: this.config.deadlinePolicy.timeZone };
    const d = this.dashboards;
    // The kept counts when they are in the county's months; else counted from the tables.
    const kept = await d.countsIn(range.timeZone);
    const [snapshot, acts, lapses, history, overdue] = await Promise.all([
      kept ? d.snapshot() : d.snapshotFull(),
      kept ? d.stageEndingActs(range) : d.stageEndingActsFull(range),
      kept ? d.lapses(range) : d.lapsesFull(range),
      kept ? d.monthOnMonth(range, MONTHS_SHOWN) : d.monthOnMonthFull(range, MONTHS_SHOWN),
      this.ledger.overdue(OVERDUE_SHOWN),
    ]);
    const byStage: Dashboard['byStage'] = {};
    const bySector: Dashboard['bySector'] = {};
    for (const sector of SECTORS) bySector[sector] = { open: 0, closed: 0, overdue: 0 };
    let closed = 0;
    for (const row of snapshot) {
      const n = Number(row.count);
      const sector = (bySector[row.sector] ??= { open: 0, closed: 0, overdue: 0 });
      if (row.status === 'closed') {
        closed += n;
        sector.closed += n;
        continue;
      }
      const stage = (byStage[row.stage] ??= { open: 0, overdue: 0 });
      stage.open += n;
      sector.open += n;
      if (row.overdue) {
        stage.overdue += n;
        sector.overdue += n;
      }
    }
    const now = new Date();
    const calendar = calendarWarning(this.config.deadlinePolicy, now);
    return {
      month,
      timeZone: range.timeZone,
      generatedAt: now.toISOString(),
      byStage,
      bySector,
      closed,
      onTime: onTimeRates(acts, lapses),
      monthOnMonth: history.map((m) => ({
        month: m.month,
        opened: Number(m.opened),
        writtenOff: Number(m.written_off),
        lapses: Number(m.lapses),
      })),
      overdue: {
        total: Object.values(byStage).reduce((sum, stage) => sum + stage.overdue, 0),
        items: overdue.map((r) => ledgerView(r)),
      },
      calendarWarning: calendar
        ? { missingYears: calendar.missingYears, coveredYears: calendar.coveredYears }
        : null,
    };
  }

  /**
   * The ledger with the same filters as GET /issues, as an XLSX workbook (台账), streamed: rows
   * are read a keyset page at a time and written out as they come, so neither the rows nor the
   * workbook are ever whole in memory. At most `EXPORT_LIMIT` rows.
   */
  async ledgerWorkbook(principal: Principal, query: LedgerQueryDto, out: Writable): Promise<void> {
    const book = new stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    book.created = new Date();
    const sheet = book.addWorksheet('台账 ledger', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = LEDGER_COLUMNS.map(([header, key, width]) => ({ header, key, width }));
    sheet.getRow(1).font = { bold: true };
    for await (const view of this.exportRows(principal, query)) {
      const row = sheet.addRow({
        ...view,
        household: view.subject.id,
        personRef: view.subject.personRef ?? '',
        reportedAt: new Date(view.reportedAt),
        currentDueAt: view.currentDueAt ? new Date(view.currentDueAt) : null,
        closedAt: view.closedAt ? new Date(view.closedAt) : null,
        overdue: view.overdue ? view.overdueLevel : '',
        measures: (view.measures ?? []).join('；'),
      });
      // One style object per column: exceljs serialises a cell's style to find its number
      // unless it has seen that very object before, which was most of an export's time.
      for (let i = 0; i < COLUMN_STYLES.length; i++) row.getCell(i + 1).style = COLUMN_STYLES[i];
      row.commit();
    }
    sheet.commit();
    await book.commit();
  }

  /** The same rows as CSV (UTF-8 with a byte-order mark, for spreadsheet programs), streamed. */
  async ledgerCsv(principal: Principal, query: LedgerQueryDto, out: Writable): Promise<void> {
    const write = (line: string) =>
      out.write(line) ? Promise.resolve() : once(out, 'drain').then(() => undefined);
    await write('\uFEFF' + LEDGER_COLUMNS.map(([header]) => csvCell(header)).join(',') + '\r\n');
    for await (const view of this.exportRows(principal, query)) {
      const cells: Record<string, unknown> = {
        ...view,
        household: view.subject.id,
        personRef: view.subject.personRef ?? '',
        overdue: view.overdue ? view.overdueLevel : '',
        measures: (view.measures ?? []).join('；'),
      };
      await write(LEDGER_COLUMNS.map(([, key]) => csvCell(cells[key])).join(',') + '\r\n');
    }
    out.end();
  }

  /** The export's rows, a keyset page of the ledger at a time, up to the limit. */
  private async *exportRows(principal: Principal, query: LedgerQueryDto) {
    const scope = readScope(principal);
    let cursor: string | undefined;
    let sent = 0;
    do {
      const pageSize = Math.min(EXPORT_PAGE, EXPORT_LIMIT - sent);
      const page = await this.ledger.list(
        scope,
        { ...query, page: undefined, cursor, pageSize },
        false,
      );
      const now = new Date();
      for (const row of page.rows) yield ledgerView(row, now);
      sent += page.rows.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && sent < EXPORT_LIMIT);
  }

  private currentMonth(): string {
    return countyMonth(new Date(), this.config.deadlinePolicy.timeZone);
  }
}

const LEDGER_COLUMNS: Array<[string, string, number]> = [
  ['台账编号 Ledger no.', 'ledgerNo', 18],
  ['行业 Sector', 'sector', 11],
  ['类型 Kind', 'kind', 22],
  ['户 Household', 'household', 22],
  ['对象 Person', 'personRef', 10],
  ['乡镇 Township', 'townshipCode', 12],
  ['村 Village', 'villageCode', 14],
  ['来源 Channel', 'channel', 14],
  ['摘要 Summary', 'summary', 40],
  ['阶段 Stage', 'stage', 16],
  ['状态 Status', 'status', 8],
  ['结果 Closure', 'closure', 12],
  ['程度 Severity', 'severity', 9],
  ['上报时间 Reported', 'reportedAt', 18],
  ['当前时限 Due', 'currentDueAt', 18],
  ['逾期 Overdue', 'overdue', 9],
  ['责任单位 Responsible unit', 'responsibleUnit', 20],
  ['责任人 Responsible person', 'responsiblePerson', 12],
  ['措施 Measures', 'measures', 40],
  ['逾期次数 Lapses', 'lapseCount', 8],
  ['延期 Extension', 'extensionStatus', 10],
  ['销号时间 Closed', 'closedAt', 18],
];

/** Each column's cell style, shared by all its cells: dates and times as such. */
const COLUMN_STYLES: Array<Partial<Style>> = LEDGER_COLUMNS.map(([, key]) =>
  key.endsWith('At') ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
);

function onTimeRates(
  acts: Array<{ township_code: string; sector: string; kind: string; count: string }>,
  lapses: Array<{
    township_code: string | null;
    sector: string;
    stage: string;
    resolved: boolean;
    count: string;
  }>,
): Dashboard['onTime'] {
  const townships = new Map<string, { done: number; lateDone: number; waiting: number }>();
  const bureaus = new Map<string, { done: number; lateDone: number; waiting: number }>();
  const cell = (map: typeof townships, unit: string) => {
    let entry = map.get(unit);
    if (!entry) map.set(unit, (entry = { done: 0, lateDone: 0, waiting: 0 }));
    return entry;
  };
  for (const act of acts) {
    // Only the acts that end a stage are counted (the repository selects them); a village's
    // verification counts for its township.
    if (!isActName(act.kind) || !ACTS[act.kind].endsStage) continue;
    const entry =
      ACTS[act.kind].unit === 'bureau'
        ? cell(bureaus, act.sector)
        : cell(townships, act.township_code);
    entry.done += Number(act.count);
  }
  for (const lapse of lapses) {
    const bureau = BUREAU_STAGES.has(lapse.stage);
    if (!bureau && !lapse.township_code) continue;
    const entry = bureau
      ? cell(bureaus, lapse.sector)
      : cell(townships, lapse.township_code as string);
    if (lapse.resolved) entry.lateDone += Number(lapse.count);
    else entry.waiting += Number(lapse.count);
  }
  const rows = (map: typeof townships): OnTimeRow[] =>
    [...map.entries()]
      .map(([unit, { done, lateDone, waiting }]) => {
        const onTime = Math.max(0, done - lateDone);
        const late = lateDone + waiting;
        return { unit, onTime, late, rate: onTime + late > 0 ? onTime / (onTime + late) : null };
      })
      .sort((a, b) => a.unit.localeCompare(b.unit));
  return { townships: rows(townships), bureaus: rows(bureaus) };
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Quote what needs it, and neutralise a leading = + - @ so a spreadsheet reads text as text.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
