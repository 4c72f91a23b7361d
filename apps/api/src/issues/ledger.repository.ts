import { Injectable } from '@nestjs/common';
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
import type { ReadScope } from './scope';

const SORT_COLUMNS = {
  reportedAt: 'l.reportedAt',
  dueAt: 'l.currentDueAt',
  ledgerNo: 'l.ledgerNo',
} as const;

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

  async list(
    scope: ReadScope,
    query: LedgerQueryDto,
  ): Promise<{ rows: IssueLedgerEntity[]; total: number }> {
    const q = this.scoped(scope);
    if (query.sector) q.andWhere('l.sector = :sector', { sector: query.sector });
    if (query.townshipCode) q.andWhere('l.township_code = :t', { t: query.townshipCode });
    if (query.villageCode) q.andWhere('l.village_code = :v', { v: query.villageCode });
    if (query.stage) q.andWhere('l.stage = :stage', { stage: query.stage });
    if (query.status) q.andWhere('l.status = :status', { status: query.status });
    if (query.overdueLevel) q.andWhere('l.overdue_level = :level', { level: query.overdueLevel });
    if (query.reportedFrom) q.andWhere('l.reported_at >= :from', { from: query.reportedFrom });
    if (query.reportedTo) q.andWhere('l.reported_at < :to', { to: query.reportedTo });
    if (query.dueBefore) q.andWhere('l.current_due_at < :due', { due: query.dueBefore });
    const order = (query.order ?? 'desc').toUpperCase() as 'ASC' | 'DESC';
    q.orderBy(SORT_COLUMNS[query.sort ?? 'reportedAt'], order, 'NULLS LAST').addOrderBy(
      'l.ledgerNo',
      'ASC',
    );
    const pageSize = query.pageSize ?? 20;
    const page = query.page ?? 1;
    q.skip((page - 1) * pageSize).take(pageSize);
    const [rows, total] = await q.getManyAndCount();
    return { rows, total };
  }

  household(scope: ReadScope, householdId: string): Promise<IssueLedgerEntity[]> {
    return this.scoped(scope)
      .andWhere('l.subject_id = :id', { id: householdId })
      .orderBy('l.reportedAt', 'DESC')
      .getMany();
  }

  /** Open issues waiting at the given stages inside a scope, soonest due first. */
  openAt(scope: ReadScope, stages: string[]): Promise<IssueLedgerEntity[]> {
    return this.scoped(scope)
      .andWhere("l.status = 'open'")
      .andWhere('l.stage IN (:...stages)', { stages })
      .orderBy('l.currentDueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('l.reportedAt', 'ASC')
      .limit(500)
      .getMany();
  }

  overdue(scope: ReadScope): Promise<IssueLedgerEntity[]> {
    return this.scoped(scope)
      .andWhere("l.status = 'open'")
      .andWhere("(l.overdue_level <> 'none' OR l.current_due_at <= now())")
      .orderBy('l.currentDueAt', 'ASC', 'NULLS LAST')
      .limit(500)
      .getMany();
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

  lapsesBetween(filter: {
    from?: string;
    to?: string;
    sector?: string;
    townshipCode?: string;
  }): Promise<IssueLapseEntity[]> {
    const q = this.database.source.getRepository(IssueLapseEntity).createQueryBuilder('p');
    q.where('1 = 1');
    if (filter.from) q.andWhere('p.due_at >= :from', { from: filter.from });
    if (filter.to) q.andWhere('p.due_at < :to', { to: filter.to });
    if (filter.sector) q.andWhere('p.sector = :sector', { sector: filter.sector });
    if (filter.townshipCode) q.andWhere('p.township_code = :t', { t: filter.townshipCode });
    return q.orderBy('p.unit').addOrderBy('p.stage').addOrderBy('p.dueAt').getMany();
  }

  private scoped(scope: ReadScope): SelectQueryBuilder<IssueLedgerEntity> {
    const q = this.ledger().where('1 = 1');
    if (scope.villageCode) q.andWhere('l.village_code = :sv', { sv: scope.villageCode });
    if (scope.townshipCode) q.andWhere('l.township_code = :st', { st: scope.townshipCode });
    if (scope.sector) q.andWhere('l.sector = :ss', { ss: scope.sector });
    return q;
  }
}
