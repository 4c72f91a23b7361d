import { Injectable } from '@nestjs/common';
import { MONTH_SQL } from '@sanbao/domain';
import {
  Database,
  IssueAuditEntity,
  IssueLapseEntity,
  IssueLedgerEntity,
  IssueLedgerNoEntity,
  IssueNotificationEntity,
} from '@sanbao/persistence';
import type { SelectQueryBuilder } from 'typeorm';
import type { LedgerQueryDto } from './issues.dto';
import { applyLedgerFilters, countRows, ledgerPage, type LedgerRowsPage } from './ledger-pages';
import type { ReadScope } from './scope';
import { workPageSql, type WorkListSpec, type WorkPageRequest, type WorkRow } from './work-pages';

/**
 * Which opening of an issue an id names. A ledger number names one opening; an issue key names
 * the key's current opening (the open one, else the latest). `openingId` is the first run id
 * of the opening's workflow chain, when known.
 */
export interface IssueOpening {
  issueKey: string;
  ledgerNo?: string;
  openingId?: string | null;
  /** true when the id was a ledger number: acts must reach that opening and no other */
  pinned: boolean;
  /** its ledger row, once the worker has saved it */
  row: IssueLedgerEntity | null;
}

/** The opening a ledger row is of. */
export function openingOf(row: IssueLedgerEntity): IssueOpening {
  return {
    issueKey: row.issueKey,
    ledgerNo: row.ledgerNo,
    openingId: row.openingId,
    pinned: true,
    row,
  };
}

/** The read models the worker keeps: ledger, audit trail, lapses, notifications. Reads only. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly database: Database) {}

  private ledger(): SelectQueryBuilder<IssueLedgerEntity> {
    return this.database.source.getRepository(IssueLedgerEntity).createQueryBuilder('l');
  }

  /**
   * The opening an id names, if the issue is known. An issue key with no ledger row yet (its
   * workflow has just started) is still an opening, of unknown number.
   */
  async opening(id: string): Promise<IssueOpening | undefined> {
    if (id.startsWith('issue:')) {
      const row = await this.current(id);
      return row ? { ...openingOf(row), pinned: false } : { issueKey: id, pinned: false, row };
    }
    const row = await this.find(id);
    if (row) return openingOf(row);
    // Numbered but not saved yet: the allocation says whose number it is.
    const allocated = await this.database.source
      .getRepository(IssueLedgerNoEntity)
      .findOneBy({ ledgerNo: id });
    if (!allocated) return undefined;
    return {
      issueKey: allocated.issueKey,
      ledgerNo: allocated.ledgerNo,
      openingId: allocated.openingId,
      pinned: true,
      row: null,
    };
  }

  /** The ledger row an id names: its ledger number's, or its issue key's current opening's. */
  find(id: string): Promise<IssueLedgerEntity | null> {
    if (id.startsWith('issue:')) return this.current(id);
    return this.database.source.getRepository(IssueLedgerEntity).findOneBy({ ledgerNo: id });
  }

  /** The open row of an issue key, else its latest closed one. */
  private current(issueKey: string): Promise<IssueLedgerEntity | null> {
    return this.ledger()
      .where('l.issue_key = :issueKey', { issueKey })
      .orderBy(`CASE WHEN l.status = 'open' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('l.createdAt', 'DESC')
      .getOne();
  }

  findByLedgerNos(ledgerNos: string[]): Promise<IssueLedgerEntity[]> {
    if (ledgerNos.length === 0) return Promise.resolve([]);
    return this.ledger().where('l.ledger_no IN (:...ledgerNos)', { ledgerNos }).getMany();
  }

  /** A page of the ledger in the caller's scope, with the filters of GET /issues. */
  list(scope: ReadScope, query: LedgerQueryDto, withTotal = true): Promise<LedgerRowsPage> {
    return ledgerPage(
      () => applyLedgerFilters(this.scoped(scope), query),
      query,
      withTotal ? countRows : () => Promise.resolve(0),
    );
  }

  household(scope: ReadScope, householdId: string): Promise<IssueLedgerEntity[]> {
    return this.scoped(scope)
      .andWhere('l.subject_id = :id', { id: householdId })
      .orderBy('l.reportedAt', 'DESC')
      .getMany();
  }

  /** The county's overdue issues, soonest due first: the first `limit` of them. */
  overdue(limit: number): Promise<IssueLedgerEntity[]> {
    return this.overdueQuery()
      .orderBy('l.currentDueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('l.ledgerNo', 'ASC')
      .limit(limit)
      .getMany();
  }

  private overdueQuery(): SelectQueryBuilder<IssueLedgerEntity> {
    return this.ledger()
      .where("l.status = 'open'")
      .andWhere("(l.overdue_level <> 'none' OR l.current_due_at <= now())");
  }

  /** A page of a work list: open rows, soonest due first (see work-pages.ts). */
  workRows(spec: WorkListSpec, page: WorkPageRequest): Promise<WorkRow[]> {
    const [sql, params] = workPageSql(spec, page);
    return this.database.source.query<WorkRow[]>(sql, params);
  }

  withExtensionStatus(status: string): Promise<IssueLedgerEntity[]> {
    return this.ledger()
      .where('l.extension_status = :status', { status })
      .orderBy('l.currentDueAt', 'ASC', 'NULLS LAST')
      .getMany();
  }

  /** One opening's signed record, in order. */
  audit(ledgerNo: string): Promise<IssueAuditEntity[]> {
    return this.database.source
      .getRepository(IssueAuditEntity)
      .find({ where: { ledgerNo }, order: { seq: 'ASC' } });
  }

  auditOfKinds(kinds: string[], ledgerNos?: string[]): Promise<IssueAuditEntity[]> {
    const q = this.database.source
      .getRepository(IssueAuditEntity)
      .createQueryBuilder('a')
      .where('a.kind IN (:...kinds)', { kinds });
    if (ledgerNos) {
      if (ledgerNos.length === 0) return Promise.resolve([]);
      q.andWhere('a.ledger_no IN (:...ledgerNos)', { ledgerNos });
    }
    return q.orderBy('a.ledgerNo').addOrderBy('a.seq').getMany();
  }

  lapses(ledgerNo: string): Promise<IssueLapseEntity[]> {
    return this.database.source
      .getRepository(IssueLapseEntity)
      .find({ where: { ledgerNo }, order: { detectedAt: 'ASC' } });
  }

  notifications(ledgerNo: string): Promise<IssueNotificationEntity[]> {
    return this.database.source
      .getRepository(IssueNotificationEntity)
      .find({ where: { ledgerNo }, order: { seq: 'ASC' } });
  }

  /**
   * The accountability register's figures per answerable unit and stage over a range of due
   * times: one aggregate over the range's lapses (index `ix_issue_lapse_*due`).
   */
  lapseGroups(filter: LapseFilter): Promise<LapseGroupRow[]> {
    const [where, params] = lapseWhere(filter);
    return this.database.source.query(
      `SELECT p.unit, p.stage, count(*)::int AS lapses,
              (count(*) FILTER (WHERE p.resolved_at IS NULL))::int AS still_waiting,
              sum(coalesce(p.days_late, extract(epoch FROM now() - p.due_at) / 86400))::float8
                AS total_days_late,
              max(coalesce(p.days_late, extract(epoch FROM now() - p.due_at) / 86400))::float8
                AS worst_days_late
         FROM issue_lapse p WHERE ${where.join(' AND ')}
        GROUP BY p.unit, p.stage
        ORDER BY lapses DESC, p.unit, p.stage`,
      params,
    );
  }

  /** A page of the range's lapses by due time, after a cursor (due time text, id). */
  lapsePage(
    filter: LapseFilter,
    after: { value: string; key: string } | undefined,
    limit: number,
    timeZone: string,
  ): Promise<Array<IssueLapseEntity & { cursor_value: string; lateEntry: boolean }>> {
    const [where, params] = lapseWhere(filter);
    if (after) {
      params.push(after.value, after.key);
      where.push(
        `(p.due_at, p.id) > ($${params.length - 1}::timestamptz, $${params.length}::bigint)`,
      );
    }
    params.push(timeZone);
    // A late entry's lapse says so (the one month rule): its issue's opened record, by key.
    const late = MONTH_SQL.openedLate('o.payload', 'o.at', `$${params.length}::text`);
    params.push(limit + 1);
    return this.database.source.query(
      `SELECT p.id, p.issue_key AS "issueKey", p.ledger_no AS "ledgerNo", p.sector,
              p.township_code AS "townshipCode", p.village_code AS "villageCode", p.stage,
              p.unit, p.due_at AS "dueAt", p.detected_at AS "detectedAt", p.level,
              p.resolved_at AS "resolvedAt", p.days_late::float8 AS "daysLate",
              coalesce((SELECT ${late} FROM issue_audit o
                         WHERE o.ledger_no = p.ledger_no AND o.seq = 1 AND o.kind = 'opened'),
                       false) AS "lateEntry",
              p.due_at::text AS cursor_value
         FROM issue_lapse p WHERE ${where.join(' AND ')}
        ORDER BY p.due_at, p.id LIMIT $${params.length}`,
      params,
    );
  }

  private scoped(scope: ReadScope): SelectQueryBuilder<IssueLedgerEntity> {
    const q = this.ledger().where('1 = 1');
    if (scope.villageCode) q.andWhere('l.village_code = :sv', { sv: scope.villageCode });
    if (scope.townshipCode) q.andWhere('l.township_code = :st', { st: scope.townshipCode });
    if (scope.sector) q.andWhere('l.sector = :ss', { ss: scope.sector });
    return q;
  }
}

export interface LapseFilter {
  from: string;
  to: string;
  sector?: string;
  townshipCode?: string;
}

export interface LapseGroupRow {
  unit: string;
  stage: string;
  lapses: number;
  still_waiting: number;
  total_days_late: number;
  worst_days_late: number;
}

function lapseWhere(filter: LapseFilter): [string[], unknown[]] {
  const params: unknown[] = [filter.from, filter.to];
  const where = ['p.due_at >= $1', 'p.due_at < $2'];
  if (filter.sector) {
    params.push(filter.sector);
    where.push(`p.sector = $${params.length}`);
  }
  if (filter.townshipCode) {
    params.push(filter.townshipCode);
    where.push(`p.township_code = $${params.length}`);
  }
  return [where, params];
}
