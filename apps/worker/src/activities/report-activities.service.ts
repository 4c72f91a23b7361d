import { Injectable } from '@nestjs/common';
import { isMonth } from '@sanbao/contracts';
import { SECTORS, typedRecord, type RecordKind, type RecordPayload } from '@sanbao/domain';
import { Database, MonthlyReportEntity, TownshipEntity } from '@sanbao/persistence';
import type { MonthlyReport, MonthlyReportInput, ReportActivities } from '@sanbao/workflows';
import { ApplicationFailure } from '@temporalio/common';
import { countedFigures, countsKeptIn } from './report-counts';
import { monthBounds, monthlyFigures, type AuditFact, type IssueFacts } from './report-figures';

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

  async produceMonthlyReport(input: Required<MonthlyReportInput>): Promise<MonthlyReport> {
    if (!isMonth(input.month)) {
      throw ApplicationFailure.nonRetryable(`month must be YYYY-MM`, 'InvalidReportMonth');
    }
    const { from, to } = monthBounds(input.month, input.timeZone);
    const source = this.database.source;
    const townships = await source
      .getRepository(TownshipEntity)
      .find({ select: { code: true, name: true }, order: { code: 'ASC' } });
    // The counts PostgreSQL keeps when they are in this zone's months; else the full count.
    const { rows: reportRows, totals } = (await countsKeptIn(source, input.timeZone))
      ? await countedFigures(source, input.month, townships, SECTORS)
      : monthlyFigures({
          issues: await this.issuesOfMonth(from, to),
          townships,
          sectors: SECTORS,
          from,
          to,
        });
    const report: MonthlyReport = {
      month: input.month,
      timeZone: input.timeZone,
      fromAt: from.toISOString(),
      toAt: to.toISOString(),
      rows: reportRows,
      totals,
      producedBy: input.producedBy,
      generatedAt: new Date().toISOString(),
      kept: input.keep,
    };
    if (input.keep) {
      // Producing a month again replaces it: the latest count of the same record.
      await source.getRepository(MonthlyReportEntity).upsert(
        {
          month: report.month,
          timeZone: report.timeZone,
          fromAt: from,
          toAt: to,
          rows: report.rows,
          totals: report.totals,
          producedBy: report.producedBy,
          generatedAt: new Date(report.generatedAt),
        },
        ['month'],
      );
    }
    return report;
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
