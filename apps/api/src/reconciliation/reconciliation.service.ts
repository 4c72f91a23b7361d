import { Injectable } from '@nestjs/common';
import { Database, reconciliationStore, type RepairRow } from '@sanbao/persistence';
import { ReconciliationWorkflows } from '@sanbao/temporal';
import type { ReconciliationReport } from '@sanbao/workflows';
import { ApiError } from '../common/api.errors';

const MAX_PERIOD_MS = 31 * 86_400_000;

/** The reconciliation as the API offers it: the last report, a run now, the repairs waiting. */
@Injectable()
export class ReconciliationReportsService {
  constructor(
    private readonly database: Database,
    private readonly workflows: ReconciliationWorkflows,
  ) {}

  async latest(): Promise<ReconciliationReport | undefined> {
    const stored = await reconciliationStore.latestReport<ReconciliationReport>(
      this.database.source,
    );
    return stored && { ...stored.report, id: stored.id };
  }

  async runNow(period: { from?: string; to?: string }): Promise<ReconciliationReport> {
    const to = period.to ? Date.parse(period.to) : Date.now();
    const from = period.from ? Date.parse(period.from) : undefined;
    if (from !== undefined && from >= to) {
      throw new ApiError('invalid_content', 'the period must run forwards', {
        from: ['from must be before to'],
      });
    }
    if (from !== undefined && to - from > MAX_PERIOD_MS) {
      throw new ApiError('invalid_content', 'the period is too long', {
        from: ['a period may span at most 31 days'],
      });
    }
    return this.workflows.runNow({
      ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
      ...(period.to ? { to: new Date(to).toISOString() } : {}),
    });
  }

  openRepairs(): Promise<RepairRow[]> {
    return reconciliationStore.openRepairs(this.database.source);
  }
}
