import { Injectable } from '@nestjs/common';
import type { Escalation, Lapse } from '@sanbao/domain';
import { Database } from '@sanbao/persistence';
import { EntityManager, QueryResult } from 'typeorm';
import type { AuditRow, LapseExit, LedgerRow } from './issue-rows';

/** What the events about an issue need from its ledger row. */
export interface LedgerContext {
  ledgerNo: string;
  sector: string;
  townshipCode: string;
  villageCode: string;
}

async function run<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<{ rows: T[]; affected: number }> {
  // Structured results tell an INSERT ... ON CONFLICT DO NOTHING that skipped from one that wrote.
  const result: QueryResult = await manager.queryRunner!.query(sql, params, true);
  return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
}

/**
 * The issue read models' SQL. Every write is an idempotent statement (ON CONFLICT, guarded
 * UPDATE), so an activity that runs twice leaves the tables as after the first run.
 */
@Injectable()
export class IssueRecordsRepository {
  constructor(private readonly database: Database) {}

  /** A transaction of its own, or a part of the caller's (`writeFlush`'s one transaction). */
  private transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    within?: EntityManager,
  ): Promise<T> {
    return within ? work(within) : this.database.source.transaction(work);
  }

  /**
   * Inside the caller's transaction: the opening's ledger number, the one it has or the next
   * of its year and sector. The counter row stays locked until the caller commits; a
   * concurrent allocation for the same opening makes this one fail (and roll back), and the
   * retry finds the number the other one wrote.
   */
  async allocateLedgerNoIn(
    manager: EntityManager,
    opening: { issueKey: string; openingId: string },
    year: number,
    sectorCode: string,
  ): Promise<string> {
    // One statement (one round trip) for the lookup, the counter and the filing: the counter
    // is only taken when the opening has no number yet.
    const { rows } = await run<{ existing: string | null; filed: string | null }>(
      manager,
      ALLOCATE_IN_ONE,
      [opening.issueKey, opening.openingId, year, sectorCode],
    );
    const number = rows[0]?.existing ?? rows[0]?.filed;
    // The activity is retried and then finds the winner's number.
    if (!number) throw new LostAllocationRace('another allocation for this opening won');
    return number;
  }

  /**
   * The opening's ledger number in a transaction of its own (the activity-per-write path):
   * `allocateLedgerNoIn`'s statement; when another allocation for the same opening won
   * meanwhile, this one rolls back (the counter with it) and answers the winner's number.
   */
  async allocateLedgerNo(
    opening: { issueKey: string; openingId: string },
    year: number,
    sectorCode: string,
  ): Promise<string> {
    try {
      return await this.transaction((manager) =>
        this.allocateLedgerNoIn(manager, opening, year, sectorCode),
      );
    } catch (error) {
      if (!(error instanceof LostAllocationRace)) throw error;
      return (await this.findLedgerNo(opening))!;
    }
  }

  async findLedgerNo(opening: {
    issueKey: string;
    openingId: string;
  }): Promise<string | undefined> {
    const rows = await this.database.source.query<Array<{ ledger_no: string }>>(
      `SELECT ledger_no FROM issue_ledger_no WHERE issue_key = $1 AND opening_id = $2`,
      [opening.issueKey, opening.openingId],
    );
    return rows[0]?.ledger_no;
  }

  /**
   * Upserts the ledger row unless the stored one comes from a newer snapshot (higher last_seq);
   * then settles the issue's lapses that the snapshot shows left behind. Returns whether the
   * snapshot was applied.
   */
  async saveLedgerRow(
    row: LedgerRow,
    exits: LapseExit[],
    within?: EntityManager,
  ): Promise<boolean> {
    return this.transaction(async (manager) => {
      // One statement: the upsert, then (only when it applied) the issue's lapses: those
      // recorded before the row existed get its codes, those the snapshot shows left behind
      // are settled (the first exit of a lapse wins, as the statements one by one did).
      const saved = await run<{ ledger_no: string | null }>(
        manager,
        `WITH saved AS (
         INSERT INTO issue_ledger (
           issue_key, ledger_no, opening_id, sector, kind, subject_kind, subject_id, person_ref,
           village_code, township_code, channel, summary, severity, stage, status, closure,
           reported_at, stage_since, current_due_at, overdue_level, deadlines,
           responsible_unit, responsible_person, completion_date, measures, flags,
           reopen_count, reminders, lapse_count, extension_status, last_seq, closed_at,
           sent_back_by)
         VALUES (
           $1, $2, $32, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
           $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $33)
         ON CONFLICT (ledger_no) DO UPDATE SET
           opening_id = COALESCE(EXCLUDED.opening_id, issue_ledger.opening_id),
           sector = EXCLUDED.sector, kind = EXCLUDED.kind,
           subject_kind = EXCLUDED.subject_kind, subject_id = EXCLUDED.subject_id,
           person_ref = EXCLUDED.person_ref, village_code = EXCLUDED.village_code,
           township_code = EXCLUDED.township_code, channel = EXCLUDED.channel,
           summary = EXCLUDED.summary, severity = EXCLUDED.severity, stage = EXCLUDED.stage,
           status = EXCLUDED.status, closure = EXCLUDED.closure,
           reported_at = EXCLUDED.reported_at, stage_since = EXCLUDED.stage_since,
           current_due_at = EXCLUDED.current_due_at, overdue_level = EXCLUDED.overdue_level,
           deadlines = EXCLUDED.deadlines, responsible_unit = EXCLUDED.responsible_unit,
           responsible_person = EXCLUDED.responsible_person,
           completion_date = EXCLUDED.completion_date, measures = EXCLUDED.measures,
           flags = EXCLUDED.flags, reopen_count = EXCLUDED.reopen_count,
           reminders = EXCLUDED.reminders, lapse_count = EXCLUDED.lapse_count,
           extension_status = EXCLUDED.extension_status, last_seq = EXCLUDED.last_seq,
           closed_at = EXCLUDED.closed_at, sent_back_by = EXCLUDED.sent_back_by,
           updated_at = now()
         WHERE issue_ledger.last_seq <= EXCLUDED.last_seq
         RETURNING ledger_no
       ), exits AS (
         SELECT x.stage, x.due_at, x.resolved_at, x.n
         FROM ROWS FROM (jsonb_to_recordset($34::jsonb)
           AS (stage text, "dueAt" timestamptz, "resolvedAt" timestamptz))
           WITH ORDINALITY AS x(stage, due_at, resolved_at, n)
       ), settled AS (
         UPDATE issue_lapse l SET
           township_code = CASE WHEN l.township_code IS NULL THEN $9 ELSE l.township_code END,
           village_code = CASE WHEN l.township_code IS NULL THEN $8 ELSE l.village_code END,
           (resolved_at, days_late) = (
             SELECT COALESCE(l.resolved_at, f.resolved_at),
                    CASE WHEN l.resolved_at IS NULL AND f.resolved_at IS NOT NULL
                      THEN round((EXTRACT(EPOCH FROM (f.resolved_at - l.due_at)) / 86400)::numeric, 3)
                      ELSE l.days_late END
             FROM (SELECT (SELECT e.resolved_at FROM exits e
                           WHERE e.stage = l.stage AND e.due_at = l.due_at
                           ORDER BY e.n LIMIT 1) AS resolved_at) AS f)
         FROM saved
         WHERE l.ledger_no = saved.ledger_no
           AND (l.township_code IS NULL
                OR (l.resolved_at IS NULL AND EXISTS (
                  SELECT 1 FROM exits e WHERE e.stage = l.stage AND e.due_at = l.due_at)))
       )
       SELECT ledger_no FROM saved`,
        [
          row.issueKey,
          row.ledgerNo,
          row.sector,
          row.kind,
          row.subjectKind,
          row.subjectId,
          row.personRef,
          row.villageCode,
          row.townshipCode,
          row.channel,
          row.summary,
          row.severity,
          row.stage,
          row.status,
          row.closure,
          row.reportedAt,
          row.stageSince,
          row.currentDueAt,
          row.overdueLevel,
          JSON.stringify(row.deadlines),
          row.responsibleUnit,
          row.responsiblePerson,
          row.completionDate,
          row.measures === null ? null : JSON.stringify(row.measures),
          JSON.stringify(row.flags),
          row.reopenCount,
          row.reminders,
          row.lapseCount,
          row.extensionStatus,
          row.lastSeq,
          row.closedAt,
          row.openingId,
          row.sentBackBy,
          JSON.stringify(exits),
        ],
      );
      return saved.rows.length > 0;
    }, within);
  }

  /** Inserts the entries not there yet; a (ledger_no, seq) already stored is kept as it is. */
  async appendAudit(
    opening: { issueKey: string; ledgerNo: string },
    rows: AuditRow[],
    within?: EntityManager,
  ): Promise<number> {
    const result = await this.transaction(
      (manager) =>
        run(manager, AUDIT_INSERT, [opening.ledgerNo, opening.issueKey, JSON.stringify(rows)]),
      within,
    );
    return result.affected;
  }

  /**
   * A flush's audit entries (as `appendAudit`) and its events into the outbox, each message id
   * once per prefix: one statement when there are both.
   */
  async appendAuditAndOutbox(
    opening: { issueKey: string; ledgerNo: string },
    rows: AuditRow[],
    outbox: { prefix: string; messages: Array<{ id: string; payload: unknown }> },
    manager: EntityManager,
  ): Promise<void> {
    if (outbox.messages.length === 0) {
      if (rows.length > 0) await this.appendAudit(opening, rows, manager);
      return;
    }
    const messages = JSON.stringify(outbox.messages);
    if (rows.length === 0) {
      await run(manager, outboxInsert('$1', '$2', '$3'), [
        opening.ledgerNo,
        messages,
        outbox.prefix,
      ]);
      return;
    }
    await run(manager, `WITH audit AS (${AUDIT_INSERT}) ${outboxInsert('$1', '$4', '$5')}`, [
      opening.ledgerNo,
      opening.issueKey,
      JSON.stringify(rows),
      messages,
      outbox.prefix,
    ]);
  }

  /**
   * One row per (opening, stage, due time). A repeat with a higher level (yellow, then red)
   * raises the recorded level; nothing else changes.
   */
  async recordLapse(
    opening: { issueKey: string; ledgerNo: string },
    sectorFromKey: string,
    lapse: Lapse,
    within?: EntityManager,
  ): Promise<void> {
    await this.transaction(
      (manager) =>
        run(
          manager,
          `INSERT INTO issue_lapse (
           issue_key, ledger_no, sector, township_code, village_code, stage, unit, due_at,
           detected_at, level)
         SELECT $1::text, $8::text, COALESCE(l.sector, $2::text),
                l.township_code, l.village_code, $3::text, $4::text, $5::timestamptz,
                $6::timestamptz, $7::text
         FROM (SELECT 1) AS one
         LEFT JOIN issue_ledger l ON l.ledger_no = $8
         ON CONFLICT (ledger_no, stage, due_at) DO UPDATE SET level = EXCLUDED.level
         WHERE issue_lapse.level <> 'red' AND EXCLUDED.level = 'red'`,
          [
            opening.issueKey,
            sectorFromKey,
            lapse.stage,
            lapse.unit,
            lapse.dueAt,
            lapse.detectedAt,
            lapse.level,
            opening.ledgerNo,
          ],
        ),
      within,
    );
  }

  /** Stores the notification once per (ledger_no, seq). */
  async recordNotification(
    escalation: Escalation & { ledgerNo: string },
    event: 'reminded' | 'escalated',
    within?: EntityManager,
  ): Promise<void> {
    await this.transaction(
      (manager) =>
        run(
          manager,
          `INSERT INTO issue_notification (
           ledger_no, issue_key, seq, event, stage, level, responsible_unit, notify, due_at, at)
         VALUES ($10, $1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (ledger_no, seq) DO NOTHING`,
          [
            escalation.issueKey,
            escalation.seq,
            event,
            escalation.stage,
            escalation.level,
            escalation.responsibleUnit,
            escalation.notify,
            escalation.dueAt,
            escalation.at,
            escalation.ledgerNo,
          ],
        ),
      within,
    );
  }

  async ledgerContext(ledgerNo: string): Promise<LedgerContext | undefined> {
    const rows = await this.database.source.query<LedgerContext[]>(
      `SELECT ledger_no AS "ledgerNo", sector, township_code AS "townshipCode",
              village_code AS "villageCode"
       FROM issue_ledger WHERE ledger_no = $1`,
      [ledgerNo],
    );
    return rows[0];
  }
}

class LostAllocationRace extends Error {}

/** $1 the ledger number, $2 the issue key, $3 the entries (AuditRow[] as JSON). */
const AUDIT_INSERT = `
  INSERT INTO issue_audit (
    ledger_no, issue_key, seq, request_id, kind, actor, at, stage, summary, payload)
  SELECT $1, $2, r.seq, r.request_id, r.kind, r.actor, r.at, r.stage, r.summary, r.payload
  FROM jsonb_to_recordset($3::jsonb) AS r(
    seq integer, request_id text, kind text, actor jsonb, at timestamptz, stage text,
    summary text, payload jsonb)
  ORDER BY r.seq
  ON CONFLICT (ledger_no, seq) DO NOTHING`;

/** The outbox rows of the messages ([{ id, payload }] as JSON), in their order, each id once. */
function outboxInsert(ledgerNo: string, messages: string, prefix: string): string {
  return `
    INSERT INTO issue_outbox (prefix, message_id, ledger_no, payload)
    SELECT ${prefix}, e.id, ${ledgerNo}, e.payload
    FROM ROWS FROM (jsonb_to_recordset(${messages}::jsonb) AS (id text, payload jsonb))
      WITH ORDINALITY AS e(id, payload, n)
    ORDER BY e.n
    ON CONFLICT (prefix, message_id) DO NOTHING`;
}

/**
 * `allocateLedgerNoIn` in one statement: the opening's number if it has one; else the next of
 * the year ($3) and sector code ($4), filed under the opening and formatted as
 * `formatLedgerNo` does (`2031-EDU-000042`). `existing` and `filed` both null: another
 * allocation for the opening filed one first (the caller rolls back, the counter with it).
 */
const ALLOCATE_IN_ONE = `
  WITH existing AS (
    SELECT ledger_no FROM issue_ledger_no WHERE issue_key = $1::text AND opening_id = $2::text
  ), counter AS (
    INSERT INTO ledger_sequence (year, sector_code, last_number)
    SELECT $3::int, $4::text, 1 WHERE NOT EXISTS (SELECT 1 FROM existing)
    ON CONFLICT (year, sector_code)
    DO UPDATE SET last_number = ledger_sequence.last_number + 1
    RETURNING last_number
  ), filed AS (
    INSERT INTO issue_ledger_no (issue_key, opening_id, ledger_no, year, sector_code, number)
    SELECT $1::text, $2::text,
           $3::int::text || '-' || $4::text || '-' ||
             lpad(c.last_number::text, greatest(6, length(c.last_number::text)), '0'),
           $3::int, $4::text, c.last_number
    FROM counter c
    ON CONFLICT (issue_key, opening_id) DO NOTHING
    RETURNING ledger_no
  )
  SELECT (SELECT ledger_no FROM existing) AS existing, (SELECT ledger_no FROM filed) AS filed`;
