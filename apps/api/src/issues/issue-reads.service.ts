import { Injectable } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import {
  ACT_NAMES,
  ACTS,
  actsOfRoom,
  taskOfStage,
  typedRecord,
  type ActPayloadOf,
  type Actor,
} from '@sanbao/domain';
import type { IssueLedgerEntity } from '@sanbao/persistence';
import { ApiError } from '../common/api.errors';
import { ledgerView, type LedgerIssueView, type Page } from './issue-views';
import type { AccountabilityQueryDto, LedgerQueryDto } from './issues.dto';
import { LedgerRepository } from './ledger.repository';
import { inScope, readScope } from './scope';
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
  items: Array<{
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
  }>;
}

const DAY_MS = 24 * 3600 * 1000;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The ledger and what is derived from it, each read within the caller's scope. */
@Injectable()
export class IssueReadsService {
  constructor(private readonly ledger: LedgerRepository) {}

  async get(principal: Principal, id: string): Promise<LedgerIssueView> {
    const scope = readScope(principal);
    const row = await this.ledger.find(id);
    if (!row) throw new ApiError('not_found', `no issue ${id} in the ledger`);
    if (!inScope(scope, row)) throw new ApiError('forbidden', 'this issue is outside your scope');
    return ledgerView(row);
  }

  async list(principal: Principal, query: LedgerQueryDto): Promise<Page<LedgerIssueView>> {
    const { rows, total } = await this.ledger.list(readScope(principal), query);
    const now = new Date();
    return {
      items: rows.map((row) => ledgerView(row, now)),
      total,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 20,
    };
  }

  async household(principal: Principal, householdId: string): Promise<LedgerIssueView[]> {
    const rows = await this.ledger.household(readScope(principal), householdId);
    const now = new Date();
    return rows.map((row) => ledgerView(row, now));
  }

  /** The caller's open tasks, soonest due first; `overdue` marks the late ones. */
  async myWork(principal: Principal): Promise<WorkItem[]> {
    const now = new Date();
    const asWork = (rows: IssueLedgerEntity[], task?: string): WorkItem[] =>
      rows.map((row) => ({ ...ledgerView(row, now), task: task ?? taskOf(row.stage) }));
    switch (principal.role) {
      case 'village':
        return asWork(
          await this.ledger.openAt({ villageCode: principal.villageCode }, ['verification']),
        );
      case 'township':
        return asWork(
          await this.ledger.openAt({ townshipCode: principal.townshipCode }, [
            'township_decision',
            'write_off',
          ]),
        );
      case 'bureau':
        return asWork(
          await this.ledger.openAt({ sector: principal.sector }, ['solution_plan', 'resolution']),
        );
      case 'leader': {
        const waiting = await this.awaitingVote(principal);
        const waitingOn = new Set(waiting.map((e) => e.ledgerNo));
        const rows = await this.ledger.withExtensionStatus('voting');
        return asWork(
          rows.filter((row) => waitingOn.has(row.ledgerNo)),
          LEADER_TASK,
        );
      }
      case 'supervisor':
        return asWork(await this.ledger.overdue({}), 'inspect');
      case 'admin':
        return [];
    }
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

  async accountability(query: AccountabilityQueryDto): Promise<AccountabilityGroup[]> {
    const lapses = await this.ledger.lapsesBetween(query);
    const now = Date.now();
    const groups = new Map<string, AccountabilityGroup>();
    for (const lapse of lapses) {
      const id = `${lapse.unit}\u0000${lapse.stage}`;
      let group = groups.get(id);
      if (!group) {
        group = {
          unit: lapse.unit,
          stage: lapse.stage,
          lapses: 0,
          stillWaiting: 0,
          totalDaysLate: 0,
          worstDaysLate: 0,
          items: [],
        };
        groups.set(id, group);
      }
      const daysLate = round3(lapse.daysLate ?? (now - lapse.dueAt.getTime()) / DAY_MS);
      group.lapses += 1;
      if (!lapse.resolvedAt) group.stillWaiting += 1;
      group.totalDaysLate = round3(group.totalDaysLate + daysLate);
      group.worstDaysLate = Math.max(group.worstDaysLate, daysLate);
      group.items.push({
        issueKey: lapse.issueKey,
        ledgerNo: lapse.ledgerNo,
        sector: lapse.sector,
        townshipCode: lapse.townshipCode,
        dueAt: lapse.dueAt.toISOString(),
        detectedAt: lapse.detectedAt.toISOString(),
        level: lapse.level,
        resolvedAt: lapse.resolvedAt ? lapse.resolvedAt.toISOString() : null,
        daysLate,
        secondsLate:
          Math.round(
            ((lapse.resolvedAt ? lapse.resolvedAt.getTime() : now) - lapse.dueAt.getTime()) / 100,
          ) / 10,
      });
    }
    return [...groups.values()].sort(
      (a, b) =>
        b.lapses - a.lapses || a.unit.localeCompare(b.unit) || a.stage.localeCompare(b.stage),
    );
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
