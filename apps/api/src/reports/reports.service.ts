import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { countyMonthBounds, monthEnded, type ReportCorrection } from '@sanbao/domain';
import { Database, keptMonthlyReport, MonthlyReportEntity } from '@sanbao/persistence';
import { ReportWorkflows } from '@sanbao/temporal';
import type { MonthlyReport } from '@sanbao/workflows';
import { ApiError } from '../common/api.errors';

/** One kept version of a month, as the list of versions shows it. */
export interface ReportVersionSummary {
  month: string;
  version: number;
  producedBy: string;
  generatedAt: string;
  correction: ReportCorrection | null;
}

/**
 * Monthly reports under the one month rule (libs/domain month-rule.ts): a running month is
 * provisional and counted on every read; an ended month is kept once (the schedule on the
 * 1st, or on demand) and then served as kept; a correction is a new version with a reason,
 * and every version stays readable. Township and bureau people see their own rows only.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly database: Database,
    private readonly reports: ReportWorkflows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get versions() {
    return this.database.source.getRepository(MonthlyReportEntity);
  }

  private get timeZone(): string {
    return this.config.deadlinePolicy.timeZone;
  }

  /** The latest kept version, or version `version`, or (not kept) the month counted now. */
  async monthly(principal: Principal, month: string, version?: number): Promise<MonthlyReport> {
    if (version !== undefined) {
      const row = await this.versions.findOneBy({ month, version });
      if (!row) throw new ApiError('not_found', `${month} has no kept version ${version}`);
      return scoped(principal, keptMonthlyReport(row));
    }
    const kept = await this.latest(month);
    const report = kept ? keptMonthlyReport(kept) : await this.run(month, false);
    return scoped(principal, report);
  }

  /** Keeps an ended month (version 1). A running month, or one already kept, is refused. */
  async produce(month: string): Promise<MonthlyReport> {
    this.mustHaveEnded(month, 'kept');
    const kept = await this.latest(month);
    if (kept) {
      throw new ApiError(
        'conflict',
        `${month} is already kept (version ${kept.version}): a kept month is corrected by a new ` +
          `version with a reason, POST /reports/monthly/${month}/corrections`,
      );
    }
    return this.run(month, true);
  }

  /** A correction: the month counted again and kept as a new version, signed with a reason. */
  async correct(
    principal: Principal,
    month: string,
    body: { requestId: string; reason: string },
  ): Promise<MonthlyReport> {
    if (body.reason.trim() === '') {
      throw new ApiError('invalid_content', 'a correction says why', {
        reason: ['must not be blank: say why the month is corrected'],
      });
    }
    this.mustHaveEnded(month, 'corrected');
    const kept = await this.latest(month);
    if (!kept) {
      throw new ApiError(
        'conflict',
        `${month} is not kept yet: keep it first (POST /reports/monthly/${month})`,
      );
    }
    const earlier = await this.versions
      .createQueryBuilder('r')
      .where(`r.correction->>'requestId' = :id`, { id: body.requestId })
      .getOne();
    if (earlier) {
      if (earlier.month !== month || earlier.correction?.reason !== body.reason) {
        throw new ApiError(
          'conflict',
          'request_id_reused: this request id already asked for another correction',
        );
      }
      return keptMonthlyReport(earlier);
    }
    const correction: ReportCorrection = {
      reason: body.reason,
      by: { id: principal.userId, name: principal.name, role: principal.role },
      at: new Date().toISOString(),
      requestId: body.requestId,
    };
    return this.reports.runMonthly({
      month,
      timeZone: this.timeZone,
      producedBy: 'on_demand',
      keep: true,
      correction,
    });
  }

  /** Every kept version of a month, oldest first. */
  async versionsOf(month: string): Promise<ReportVersionSummary[]> {
    const rows = await this.versions.find({
      select: { month: true, version: true, producedBy: true, generatedAt: true, correction: true },
      where: { month },
      order: { version: 'ASC' },
    });
    if (rows.length === 0) throw new ApiError('not_found', `${month} is not kept`);
    return rows.map(summary);
  }

  /** The kept months, newest first: each month's latest version. */
  async list(): Promise<ReportVersionSummary[]> {
    const rows = await this.versions
      .createQueryBuilder('r')
      .select(['r.month', 'r.version', 'r.producedBy', 'r.generatedAt', 'r.correction'])
      .distinctOn(['r.month'])
      .orderBy('r.month', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .getMany();
    return rows.map(summary);
  }

  private latest(month: string): Promise<MonthlyReportEntity | null> {
    return this.versions.findOne({ where: { month }, order: { version: 'DESC' } });
  }

  private mustHaveEnded(month: string, what: 'kept' | 'corrected'): void {
    if (monthEnded(month, this.timeZone, new Date())) return;
    const { to } = countyMonthBounds(month, this.timeZone);
    throw new ApiError(
      'conflict',
      `${month} has not ended (it ends ${to.toISOString()}): its report is provisional and ` +
        `cannot be ${what} until the month is over`,
    );
  }

  private async run(month: string, keep: boolean): Promise<MonthlyReport> {
    return this.reports.runMonthly({
      month,
      timeZone: this.timeZone,
      producedBy: 'on_demand',
      keep,
    });
  }
}

function summary(row: MonthlyReportEntity): ReportVersionSummary {
  return {
    month: row.month,
    version: row.version,
    producedBy: row.producedBy,
    generatedAt: row.generatedAt.toISOString(),
    correction: row.correction,
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
