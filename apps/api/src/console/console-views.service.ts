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
  type TimelineLang,
} from '@sanbao/domain';
import { ApiError } from '../common/api.errors';
import { IssueHistoryService } from '../issues/history.service';
import { ledgerView } from '../issues/issue-views';
import type { LedgerQueryDto } from '../issues/issues.dto';
import type { OpenTable } from '../papers/paper-response';
import type { LedgerExportQueryDto } from './console-views.controller';
import { writeLedger } from './ledger-paper';
import { LedgerRepository, openingOf } from '../issues/ledger.repository';
import { inReadScope, readScope } from '../issues/scope';
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
  async timeline(principal: Principal, id: string, lang: TimelineLang): Promise<IssueTimeline> {
    const scope = readScope(principal);
    const row = await this.ledger.find(id);
    if (!row) throw new ApiError('not_found', `no issue ${id} in the ledger`);
    if (!inReadScope(scope, row))
      throw new ApiError('forbidden', 'this issue is outside your scope');
    // By its ledger number: the timeline of this opening, not of a later one of the same key.
    return {
      issue: ledgerView(row),
      history: await this.histories.historyOf(openingOf(row), lang),
    };
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
        lateEntries: Number(m.late_entries),
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
   * The ledger with the same filters as GET /issues, as a paper (XLSX or CSV), streamed: rows
   * are read a keyset page at a time and written out as they come, so neither the rows nor the
   * file are ever whole in memory. At most `EXPORT_LIMIT` rows.
   */
  ledgerPaper(principal: Principal, query: LedgerExportQueryDto, open: OpenTable): Promise<void> {
    const { lang = 'zh-CN', ...filters } = query;
    return writeLedger(
      this.exportRows(principal, filters),
      principal,
      lang,
      this.config.deadlinePolicy.timeZone,
      open,
    );
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
