import { Injectable } from '@nestjs/common';
import { isMonth } from '@sanbao/contracts';
import {
  SECTORS,
  countyMonthBounds,
  monthEnded,
  typedRecord,
  type RecordKind,
  type RecordPayload,
} from '@sanbao/domain';
import {
  Database,
  keptMonthlyReport,
  MonthlyReportEntity,
  TownshipEntity,
} from '@sanbao/persistence';
import type { MonthlyReport, MonthlyReportInput, ReportActivities } from '@sanbao/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { countedFigures, countsKeptIn } from './report-counts';
import { monthlyFigures, type AuditFact, type IssueFacts } from './report-figures';

interface AuditJoinRow {
  ledger_no: string;
  issue_key: string;
  seq: number;
  kind: RecordKind;
  stage: string;
  at: Date;
  payload: RecordPayload;
  sector: string;
  township_code: string;
}

/** The report workflow's activity: counts a month from the audit trail and, if asked, keeps it. */
@Injectable()
export class ReportActivitiesService {
  constructor(private readonly database: Database) {}

  activities(): ReportActivities {
    return { produceMonthlyReport: this.produceMonthlyReport.bind(this) };
  }

  async produceMonthlyReport(
    input: MonthlyReportInput & { month: string },
  ): Promise<MonthlyReport> {
    if (!isMonth(input.month)) {
      throw ApplicationFailure.nonRetryable(`month must be YYYY-MM`, 'InvalidReportMonth');
    }
    const { month, timeZone, correction } = input;
    const keep = input.keep || correction !== undefined;
    const versions = this.database.source.getRepository(MonthlyReportEntity);
    const provisional = !monthEnded(month, timeZone, new Date());
    if (keep && provisional) {
      // The one month rule: a running month is provisional; only an ended month is kept.
      throw ApplicationFailure.nonRetryable(
        `${month} has not ended yet: only an ended month can be kept`,
        'MonthNotEnded',
      );
    }
    const latest = keep
      ? await versions.findOne({ where: { month }, order: { version: 'DESC' } })
      : null;
    if (keep && !correction && latest) return keptMonthlyReport(latest); // kept once, as produced
    if (correction) {
      if (!latest) {
        throw ApplicationFailure.nonRetryable(
          `${month} is not kept: nothing to correct`,
          'NotKept',
        );
      }
      const same = await versions
        .createQueryBuilder('r')
        .where(`r.month = :month AND r.correction->>'requestId' = :id`, {
          month,
          id: correction.requestId,
        })
        .getOne();
      if (same) return keptMonthlyReport(same); // the same request again: its version
    }
    const report = await this.count(month, timeZone, input.producedBy);
    report.provisional = provisional;
    if (!keep) return report;
    const version = (latest?.version ?? 0) + 1;
    // A new row, never an update: a concurrent keep of the same month wins the key, and this
    // one (retried by Temporal) then answers with what was kept.
    const inserted: unknown[] = await this.database.source.query(
      `INSERT INTO monthly_report (month, version, correction, time_zone, from_at, to_at, rows,
                                   totals, produced_by, generated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (month, version) DO NOTHING RETURNING version`,
      [
        month,
        version,
        correction ? JSON.stringify(correction) : null,
        timeZone,
        report.fromAt,
        report.toAt,
        JSON.stringify(report.rows),
        JSON.stringify(report.totals),
        correction ? 'correction' : input.producedBy,
        report.generatedAt,
      ],
    );
    if (inserted.length === 0) {
      if (!correction) return keptMonthlyReport(await versions.findOneByOrFail({ month, version }));
      throw new Error(`${month} version ${version} was kept meanwhile; counting again`);
    }
    const kept = await versions.findOneByOrFail({ month, version });
    return keptMonthlyReport(kept);
  }

  /** The month's figures now: from the kept counts, else from the audit trail. */
  private async count(
    month: string,
    timeZone: string,
    producedBy: MonthlyReport['producedBy'],
  ): Promise<MonthlyReport> {
    const { from, to } = countyMonthBounds(month, timeZone);
    const source = this.database.source;
    const townships = await source
      .getRepository(TownshipEntity)
      .find({ select: { code: true, name: true }, order: { code: 'ASC' } });
    // The counts PostgreSQL keeps when they are in this zone's months; else the full count.
    const { rows, totals } = (await countsKeptIn(source, timeZone))
      ? await countedFigures(source, month, townships, SECTORS)
      : monthlyFigures({
          issues: await this.issuesOfMonth(from, to),
          townships,
          sectors: SECTORS,
          from,
          to,
        });
    return {
      month,
      timeZone,
      fromAt: from.toISOString(),
      toAt: to.toISOString(),
      rows,
      totals,
      producedBy,
      generatedAt: new Date().toISOString(),
      kept: false,
      provisional: false,
      version: null,
      correction: null,
    };
  }

  /**
   * The full count's input: issues that were open at some moment of the month (reported
   * before its end, not closed before its start), each with its whole record up to the month's
   * end. Each opening of an issue key (one ledger number) counts as an issue of its own. Reads
   * every such entry: the reference the kept counts are checked against.
   */
  async issuesOfMonth(from: Date, to: Date): Promise<IssueFacts[]> {
    const rows: AuditJoinRow[] = await this.database.source.query(
      `SELECT a.ledger_no, a.issue_key, a.seq, a.kind, a.stage, a.at, a.payload, l.sector,
              l.township_code
         FROM issue_audit a
         JOIN issue_ledger l ON l.ledger_no = a.ledger_no
        WHERE a.at < $2
          AND l.reported_at < $2
          AND (l.closed_at IS NULL OR l.closed_at >= $1)
        ORDER BY a.ledger_no, a.seq`,
      [from, to],
    );
    const issues = new Map<string, IssueFacts>();
    for (const row of rows) {
      let issue = issues.get(row.ledger_no);
      if (!issue) {
        issue = {
          issueKey: row.issue_key,
          sector: row.sector,
          townshipCode: row.township_code,
          entries: [],
        };
        issues.set(row.ledger_no, issue);
      }
      const fact: AuditFact = {
        issueKey: row.issue_key,
        seq: row.seq,
        stage: row.stage,
        at: row.at,
        ...typedRecord({ kind: row.kind, payload: row.payload }),
      };
      issue.entries.push(fact);
    }
    return [...issues.values()];
  }
}
