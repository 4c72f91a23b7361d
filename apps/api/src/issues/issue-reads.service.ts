import { Injectable } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import {
  ACT_NAMES,
  ACTS,
  actsOfRoom,
  countyMonthBounds,
  DEFAULT_DEADLINE_POLICY,
  SENT_BACK_TASK,
  taskOfStage,
  typedRecord,
  type ActPayloadOf,
  type Actor,
} from '@sanbao/domain';
import type { IssueLapseEntity, IssueLedgerEntity } from '@sanbao/persistence';
import { ApiError } from '../common/api.errors';
import { ledgerView, type LedgerIssueView, type Page } from './issue-views';
import type { AccountabilityQueryDto, LedgerQueryDto, WorkQueryDto } from './issues.dto';
import { decodeCursor, encodeCursor } from './keyset';
import { LedgerRepository, type LapseFilter } from './ledger.repository';
import { inReadScope, readScope } from './scope';
import { workPage, type WorkListSpec } from './work-pages';
import type { ExtensionView, WorkItem } from '../views';

export type { ExtensionView, WorkItem } from '../views';

/** What a county leader is asked to do: the act of the leaders' role (a vote on an extension). */
const LEADER_TASK = ACT_NAMES.find((name) => ACTS[name].role === 'leader');

export interface AccountabilityGroup {
  unit: string;
  stage: string;
  lapses: number;
  stillWaiting: number;
  totalDaysLate: number;
  worstDaysLate: number;
}

export interface AccountabilityItem {
  unit: string;
  stage: string;
  issueKey: string;
  ledgerNo: string | null;
  sector: string;
  townshipCode: string | null;
  dueAt: string;
  detectedAt: string;
  level: string;
  resolvedAt: string | null;
  daysLate: number;
  /** the same to the second: seconds-scale county policies (tests, drills) show here */
  secondsLate: number;
  /** its issue is a late entry: reported back-dated into an earlier month (month-rule.ts) */
  lateEntry: boolean;
}

/** The register over [from, to): every group's figures, and one page of its lapses. */
export interface AccountabilityRegister {
  /** the county month asked for (YYYY-MM), or null for a range */
  month: string | null;
  from: string;
  to: string;
  groups: AccountabilityGroup[];
  items: AccountabilityItem[];
  pageSize: number;
  nextCursor: string | null;
}

/** A work list: which open rows, and the task each is (by stage when not given). */
function workList(principal: Principal): { list: WorkListSpec; task?: string } | undefined {
  // A stage's task (the unit's own, not sent back) and the re-routes it waits for from below.
  const own = (stage: string) => `l.stage = '${stage}' AND l.sent_back_by IS NULL`;
  const sentBackAt = (stage: string) => `l.stage = '${stage}' AND l.sent_back_by IS NOT NULL`;
  const atStages = (name: string, column: string, value: unknown, branches: string[]) => ({
    list: { name, where: [`l.status = 'open'`, `l.${column} = $1`], params: [value], branches },
  });
  switch (principal.role) {
    case 'village':
      return atStages('village', 'village_code', principal.villageCode, [own('verification')]);
    case 'township':
      return atStages('township', 'township_code', principal.townshipCode, [
        own('township_decision'),
        `l.stage = 'write_off'`,
        sentBackAt('verification'),
      ]);
    case 'bureau':
      return atStages('bureau', 'sector', principal.sector, [
        own('solution_plan'),
        `l.stage = 'resolution'`,
        sentBackAt('township_decision'),
      ]);
    case 'leader':
      // Extensions being voted on that wait for this leader's vote on the latest request, and
      // plans a bureau sent back (a leader re-routes them to another sector).
      return {
        task: LEADER_TASK,
        list: {
          name: 'leader',
          where: [`l.status = 'open'`],
          branches: [
            `l.extension_status = 'voting'
             -- A filter evaluated row by row along the index (not an anti-join the planner
             -- would run over every extension being voted on before the page's limit).
             AND NOT coalesce((SELECT true FROM issue_audit v
               WHERE v.ledger_no = l.ledger_no AND v.kind = $2
                 AND v.actor->>'id' = $1
                 AND v.payload->>'extension' = (
                   SELECT r.request_id FROM issue_audit r
                    WHERE r.ledger_no = l.ledger_no AND r.kind = 'extensionRequest'
                    ORDER BY r.seq DESC LIMIT 1)
               LIMIT 1), false)`,
            sentBackAt('solution_plan'),
          ],
          params: [`user:${principal.userId}`, LEADER_TASK],
        },
      };
    case 'supervisor':
      return {
        task: 'inspect',
        list: { name: 'overdue', where: OVERDUE_WHERE, params: [] },
      };
    case 'admin':
      return undefined;
  }
}

const DAY_MS = 24 * 3600 * 1000;
/** a work list's page when the caller names none: more than a person works through in a day */
const WORK_PAGE = 100;
/** open and past its limit, marked or not yet marked by the workflow */
export const OVERDUE_WHERE = [
  `l.status = 'open'`,
  `(l.overdue_level <> 'none' OR l.current_due_at <= now())`,
];
/** How long `GET /issues/:id?minSeq=` waits for the ledger to reach an act just answered. */
const MIN_SEQ_WAIT_MS = 5000;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The ledger and what is derived from it, each read within the caller's scope. */
@Injectable()
export class IssueReadsService {
  constructor(private readonly ledger: LedgerRepository) {}

  async get(principal: Principal, id: string): Promise<LedgerIssueView> {
    return (await this.getAt(principal, id)).view;
  }

  /**
   * The issue and the record seq its ledger row holds. An act answers once its decision is
   * durable (its answer gives `seq`); the row follows within the worker's next write. With
   * `minSeq`, a read that must see its own act waits briefly (MIN_SEQ_WAIT_MS) for the row to
   * reach it, then answers with what is there: the caller compares `lastSeq`.
   */
  async getAt(
    principal: Principal,
    id: string,
    minSeq?: number,
  ): Promise<{ view: LedgerIssueView; lastSeq: number }> {
    const scope = readScope(principal);
    let row = await this.ledger.find(id);
    const deadline = Date.now() + MIN_SEQ_WAIT_MS;
    while (minSeq !== undefined && row && row.lastSeq < minSeq && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = await this.ledger.find(id);
    }
    if (!row) throw new ApiError('not_found', `no issue ${id} in the ledger`);
    if (!inReadScope(scope, row))
      throw new ApiError('forbidden', 'this issue is outside your scope');
    return { view: ledgerView(row), lastSeq: row.lastSeq };
  }

  async list(principal: Principal, query: LedgerQueryDto): Promise<Page<LedgerIssueView>> {
    const page = await this.ledger.list(readScope(principal), query);
    const now = new Date();
    return {
      items: page.rows.map((row) => ledgerView(row, now)),
      total: page.total,
      totalExact: page.totalExact,
      page: query.cursor ? null : (query.page ?? 1),
      pageSize: query.pageSize ?? 20,
      nextCursor: page.nextCursor,
    };
  }

  async household(principal: Principal, householdId: string): Promise<LedgerIssueView[]> {
    const rows = await this.ledger.household(readScope(principal), householdId);
    const now = new Date();
    return rows.map((row) => ledgerView(row, now));
  }

  /**
   * A page of the caller's open tasks, soonest due first; `overdue` marks the late ones. Only
   * the fields a work list shows; the next page is after `nextCursor`.
   */
  async myWork(
    principal: Principal,
    query: WorkQueryDto = {},
  ): Promise<{ items: WorkItem[]; nextCursor: string | null }> {
    const spec = workList(principal);
    if (!spec) return { items: [], nextCursor: null };
    const page = { cursor: query.cursor, limit: query.limit ?? WORK_PAGE };
    const rows = await this.ledger.workRows(spec.list, page);
    return workPage(spec.list, page, rows, (row) =>
      row.sent_back_by && SENT_BACK_TASK ? SENT_BACK_TASK : (spec.task ?? taskOf(row.stage)),
    );
  }

  /** Extension requests still being voted on; for a leader, only those without their vote. */
  async awaitingVote(principal: Principal): Promise<ExtensionView[]> {
    const rows = await this.ledger.withExtensionStatus('voting');
    const all = await this.extensions(rows);
    const voting = all.filter((e) => e.status === 'voting');
    if (principal.role !== 'leader') return voting;
    const me = `user:${principal.userId}`;
    return voting.filter((e) => !e.votes.some((v) => v.leader.id === me));
  }

  /** Decided extension requests with every vote. */
  async decided(): Promise<ExtensionView[]> {
    const decidedEntries = await this.ledger.auditOfKinds(['extension_decided']);
    const rows = await this.ledger.findByLedgerNos([
      ...new Set(decidedEntries.map((e) => e.ledgerNo)),
    ]);
    const all = await this.extensions(rows);
    return all
      .filter((e) => e.status !== 'voting')
      .sort((a, b) => Date.parse(b.decidedAt ?? '') - Date.parse(a.decidedAt ?? ''));
  }

  /**
   * 责任追究 over a county month (`month`, by the one month rule: lapses whose limit fell in
   * it) or a range of due times (at most a year; the last 92 days when none is given): figures
   * per answerable unit and stage, and the range's lapses a page at a time.
   */
  async accountability(
    query: AccountabilityQueryDto,
    timeZone = DEFAULT_DEADLINE_POLICY.timeZone,
  ): Promise<AccountabilityRegister> {
    const filter = this.registerFilter(query, timeZone);
    const [groups, page] = await Promise.all([
      this.registerGroups(filter),
      this.registerPage(filter, query.cursor, query.pageSize ?? 100, timeZone),
    ]);
    return { month: query.month ?? null, from: filter.from, to: filter.to, groups, ...page };
  }

  /**
   * The register's range and filters, checked: a county month, or a range of at most 366 days
   * (default the last 92), not both.
   */
  registerFilter(
    query: AccountabilityQueryDto,
    timeZone = DEFAULT_DEADLINE_POLICY.timeZone,
  ): LapseFilter {
    if (query.month && (query.from || query.to)) {
      const rule = 'give a month or a range from..to, not both';
      throw new ApiError('invalid_content', rule, { month: [rule] });
    }
    const bounds = query.month ? countyMonthBounds(query.month, timeZone) : undefined;
    const to = bounds?.to ?? (query.to ? new Date(query.to) : new Date());
    const from =
      bounds?.from ?? (query.from ? new Date(query.from) : new Date(to.getTime() - 92 * DAY_MS));
    if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > 366 * DAY_MS) {
      const rule = 'the range from..to must be positive and at most 366 days';
      throw new ApiError('invalid_content', rule, { from: [rule], to: [rule] });
    }
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      sector: query.sector,
      townshipCode: query.townshipCode,
    };
  }

  /** The register's figures of every unit and stage. */
  async registerGroups(filter: LapseFilter): Promise<AccountabilityGroup[]> {
    const groups = await this.ledger.lapseGroups(filter);
    return groups.map((g) => ({
      unit: g.unit,
      stage: g.stage,
      lapses: g.lapses,
      stillWaiting: g.still_waiting,
      totalDaysLate: round3(g.total_days_late),
      worstDaysLate: round3(g.worst_days_late),
    }));
  }

  /** A page of the register's lapses by due time, after the previous page's `nextCursor`. */
  async registerPage(
    filter: LapseFilter,
    cursor: string | undefined,
    pageSize: number,
    timeZone = DEFAULT_DEADLINE_POLICY.timeZone,
  ): Promise<Pick<AccountabilityRegister, 'items' | 'pageSize' | 'nextCursor'>> {
    const after = cursor ? decodeCursor(cursor, 'lapses:dueAt') : undefined;
    const lapses = await this.ledger.lapsePage(
      filter,
      after && { value: after.value ?? '', key: after.key },
      pageSize,
      timeZone,
    );
    const now = Date.now();
    const shown = lapses.slice(0, pageSize);
    const last = lapses.length > pageSize ? shown[shown.length - 1] : undefined;
    return {
      items: shown.map((lapse) => lapseItem(lapse, now)),
      pageSize,
      nextCursor: last
        ? encodeCursor({ list: 'lapses:dueAt', value: last.cursor_value, key: String(last.id) })
        : null,
    };
  }

  /** Every extension request of these issues, rebuilt from the signed record. */
  private async extensions(rows: IssueLedgerEntity[]): Promise<ExtensionView[]> {
    const byLedgerNo = new Map(rows.map((row) => [row.ledgerNo, row]));
    const entries = await this.ledger.auditOfKinds(
      [...actsOfRoom('extension'), 'extension_decided'],
      [...byLedgerNo.keys()],
    );
    const views = new Map<string, ExtensionView>();
    for (const audited of entries) {
      const row = byLedgerNo.get(audited.ledgerNo);
      if (!row) continue;
      const entry = typedRecord(audited);
      if (entry.kind === 'extensionRequest') {
        views.set(`${entry.ledgerNo}\u0000${entry.requestId}`, requestView(row, entry));
      } else if (entry.kind === 'leaderVote') {
        views.get(`${entry.ledgerNo}\u0000${entry.payload.extension}`)?.votes.push({
          leader: { id: entry.actor.id, name: entry.actor.name },
          approve: entry.payload.approve === true,
          comment: entry.payload.comment,
          at: entry.at.toISOString(),
        });
      } else if (entry.kind === 'extension_decided') {
        const extension = views.get(`${entry.ledgerNo}\u0000${entry.payload.extension}`);
        if (!extension) continue;
        extension.status = entry.payload.status;
        extension.decidedAt = entry.at.toISOString();
      }
    }
    return [...views.values()];
  }
}

/** The stage's expected act, for an issue at an open stage. */
function taskOf(stage: string): string {
  return taskOfStage(stage) ?? 'none';
}

function requestView(
  row: IssueLedgerEntity,
  entry: { requestId: string; actor: Actor; at: Date; payload: ActPayloadOf<'extensionRequest'> },
): ExtensionView {
  const p = entry.payload;
  return {
    issueKey: row.issueKey,
    ledgerNo: row.ledgerNo,
    sector: row.sector,
    townshipCode: row.townshipCode,
    requestId: entry.requestId,
    requestedBy: { id: entry.actor.id, name: entry.actor.name },
    requestedAt: entry.at.toISOString(),
    currentDueAt: p.currentDueAt ?? null,
    newDeadline: p.newDeadline,
    votingDeadline: p.votingDeadline ?? null,
    reason: p.reason,
    milestones: p.milestones,
    status: 'voting',
    decidedAt: null,
    votes: [],
  };
}

function lapseItem(
  lapse: IssueLapseEntity & { daysLate: number | null; lateEntry: boolean },
  now: number,
): AccountabilityItem {
  const dueAt = new Date(lapse.dueAt);
  const resolvedAt = lapse.resolvedAt ? new Date(lapse.resolvedAt) : null;
  return {
    unit: lapse.unit,
    stage: lapse.stage,
    issueKey: lapse.issueKey,
    ledgerNo: lapse.ledgerNo,
    sector: lapse.sector,
    townshipCode: lapse.townshipCode,
    dueAt: dueAt.toISOString(),
    detectedAt: new Date(lapse.detectedAt).toISOString(),
    level: lapse.level,
    resolvedAt: resolvedAt ? resolvedAt.toISOString() : null,
    daysLate: round3(lapse.daysLate ?? (now - dueAt.getTime()) / DAY_MS),
    secondsLate:
      Math.round(((resolvedAt ? resolvedAt.getTime() : now) - dueAt.getTime()) / 100) / 10,
    lateEntry: lapse.lateEntry,
  };
}
