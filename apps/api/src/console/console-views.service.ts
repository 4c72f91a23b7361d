import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { ACTS, calendarWarning, isActName, SECTORS, STAGE_ENDING_ACTS } from '@sanbao/domain';
import { Workbook } from 'exceljs';
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

const EXPORT_LIMIT = 10_000;
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
    const [snapshot, acts, lapses, history, overdue, overdueTotal] = await Promise.all([
      this.dashboards.snapshot(),
      this.dashboards.stageEndingActs(range),
      this.dashboards.lapses(range),
      this.dashboards.monthOnMonth(range, MONTHS_SHOWN),
      this.ledger.overdue(OVERDUE_SHOWN),
      this.ledger.countOverdue(),
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
      overdue: { total: overdueTotal, items: overdue.map((r) => ledgerView(r)) },
      calendarWarning: calendar
        ? { missingYears: calendar.missingYears, coveredYears: calendar.coveredYears }
        : null,
    };
  }

  /** The ledger with the same filters as GET /issues, as an XLSX workbook (台账). */
  async ledgerWorkbook(principal: Principal, query: LedgerQueryDto): Promise<Buffer> {
    const { rows } = await this.ledger.list(readScope(principal), {
      ...query,
      page: 1,
      pageSize: EXPORT_LIMIT,
    });
    const book = new Workbook();
    book.created = new Date();
    const sheet = book.addWorksheet('台账 ledger');
    sheet.columns = LEDGER_COLUMNS.map(([header, key, width]) => ({ header, key, width }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of rows) {
      const view = ledgerView(row);
      sheet.addRow({
        ...view,
        household: view.subject.id,
        personRef: view.subject.personRef ?? '',
        reportedAt: new Date(view.reportedAt),
        currentDueAt: view.currentDueAt ? new Date(view.currentDueAt) : null,
        closedAt: view.closedAt ? new Date(view.closedAt) : null,
        overdue: view.overdue ? view.overdueLevel : '',
        measures: (view.measures ?? []).join('；'),
      });
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  private currentMonth(): string {
    // sv-SE formats as YYYY-MM-DD: the month in the county's zone, whatever the host's.
    return new Date()
      .toLocaleDateString('sv-SE', { timeZone: this.config.deadlinePolicy.timeZone })
      .slice(0, 7);
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
