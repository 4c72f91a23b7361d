import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { Database, MonthlyReportEntity } from '@sanbao/persistence';
import { ReportWorkflows } from '@sanbao/temporal';
import type { MonthlyReport } from '@sanbao/workflows';
import { ApiError } from '../common/api.errors';

/**
 * Monthly reports: the kept one when the schedule (or someone) produced it, else counted on
 * demand by the report workflow. Township and bureau people see their own rows only.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly database: Database,
    private readonly reports: ReportWorkflows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async monthly(principal: Principal, month: string): Promise<MonthlyReport> {
    const kept = await this.database.source.getRepository(MonthlyReportEntity).findOneBy({ month });
    const report = kept ? fromEntity(kept) : await this.run(month, false);
    return scoped(principal, report);
  }

  /** Counts the month now and keeps it, replacing an earlier count. */
  async produce(month: string): Promise<MonthlyReport> {
    return this.run(month, true);
  }

  async list(): Promise<Array<{ month: string; producedBy: string; generatedAt: string }>> {
    const rows = await this.database.source.getRepository(MonthlyReportEntity).find({
      select: { month: true, producedBy: true, generatedAt: true },
      order: { month: 'DESC' },
    });
    return rows.map((r) => ({
      month: r.month,
      producedBy: r.producedBy,
      generatedAt: r.generatedAt.toISOString(),
    }));
  }

  private async run(month: string, keep: boolean): Promise<MonthlyReport> {
    return this.reports.runMonthly({
      month,
      timeZone: this.config.deadlinePolicy.timeZone,
      producedBy: 'on_demand',
      keep,
    });
  }
}

function fromEntity(row: MonthlyReportEntity): MonthlyReport {
  return {
    month: row.month,
    timeZone: row.timeZone,
    fromAt: row.fromAt.toISOString(),
    toAt: row.toAt.toISOString(),
    rows: row.rows,
    totals: row.totals,
    producedBy: row.producedBy,
    generatedAt: row.generatedAt.toISOString(),
    kept: true,
  };
}

function scoped(principal: Principal, report: MonthlyReport): MonthlyReport {
  switch (principal.role) {
    case 'township':
      return {
        ...report,
        rows: report.rows.filter((r) => r.townshipCode === principal.townshipCode),
      };
    case 'bureau':
      return { ...report, rows: report.rows.filter((r) => r.sector === principal.sector) };
    case 'leader':
    case 'supervisor':
    case 'admin':
      return report;
    case 'village':
      throw new ApiError('forbidden', 'monthly reports are for townships, bureaus and the county');
  }
}
