import { Inject, Injectable } from '@nestjs/common';
import { isCleanText, isSector, type IssueState, type NeedsRepair } from '@sanbao/domain';
import { Database, reconciliationStore } from '@sanbao/persistence';
import { ISSUE_WORKFLOWS, type IssueWorkflows } from '@sanbao/temporal';
import { IssueFlushService } from '../activities/issue-flush.service';
import { invalidInput } from '../activities/issue-rows';

/** What a repair did to one opening's read models. */
export interface RepairOutcome {
  repaired: boolean;
  ledgerNo?: string;
  stage?: string;
  note: string;
}

/**
 * "Needs repair" (issue 12): the mark an issue workflow leaves when its flush failed for good,
 * and the repair, which re-projects the workflow's state (acts, lapses, the ledger row) through
 * the flush's own write path. Everything the flush writes is idempotent, so a repair of a row
 * that is fine changes nothing; the ledger row never goes back to an older snapshot.
 */
@Injectable()
export class IssueRepairsService {
  constructor(
    private readonly database: Database,
    private readonly flush: IssueFlushService,
    @Inject(ISSUE_WORKFLOWS) private readonly workflows: IssueWorkflows,
  ) {}

  /** The workflow's activity: a small insert that cannot fail for the flush's reason. */
  async recordNeedsRepair(input: NeedsRepair): Promise<void> {
    const text = (field: string, value: unknown, max: number): string => {
      if (typeof value !== 'string' || value === '') {
        throw invalidInput('recordNeedsRepair', `${field} must be a non-empty string`);
      }
      // The mark must not fail for the flush's reason: what is not clean text is not kept.
      return isCleanText(value) ? value.slice(0, max) : `(${field} withheld: not clean text)`;
    };
    if (!isSector(input?.sector)) throw invalidInput('recordNeedsRepair', 'sector is unknown');
    await reconciliationStore.markNeedsRepair(this.database.source, {
      workflowId: text('workflowId', input.workflowId, 300),
      openingId: text('openingId', input.openingId, 100),
      sector: input.sector,
      ...(input.ledgerNo ? { ledgerNo: text('ledgerNo', input.ledgerNo, 40) } : {}),
      reason: text('reason', input.reason, 500),
    });
  }

  /** Reads the workflow's state and writes it into the read models; clears its mark. */
  async repair(workflowId: string, runId?: string): Promise<RepairOutcome> {
    let state: IssueState | undefined;
    try {
      state = await this.workflows.readStateOf(workflowId, runId);
    } catch (error) {
      return { repaired: false, note: `the workflow did not answer (${nameOf(error)})` };
    }
    if (!state?.openingId) return { repaired: false, note: 'no such workflow' };
    return this.reproject(workflowId, state);
  }

  async reproject(workflowId: string, state: IssueState): Promise<RepairOutcome> {
    const openingId = state.openingId!;
    let ledgerNo: string;
    try {
      ({ ledgerNo } = await this.flush.writeFlush({
        issueKey: state.issueKey,
        openingId,
        sector: state.sector,
        townshipCode: state.subject.townshipCode,
        villageCode: state.subject.villageCode,
        reportedAt: state.reportedAt,
        ...(state.ledgerNo ? { ledgerNo: state.ledgerNo } : {}),
        records: state.acts,
        state,
        lapses: state.lapses,
        // Notices and events went out (or not) with the steps; a repair restores the record.
        notifications: [],
        events: [],
      }));
    } catch (error) {
      return { repaired: false, note: `the write failed again (${nameOf(error)})` };
    }
    const rows: Array<{ stage: string }> = await this.database.source.query(
      `SELECT stage FROM issue_ledger WHERE ledger_no = $1`,
      [ledgerNo],
    );
    const stage = rows[0]?.stage;
    if (stage !== state.stage) {
      return { repaired: false, ledgerNo, note: 'the ledger row still differs after the write' };
    }
    await reconciliationStore.markRepaired(this.database.source, {
      workflowId,
      openingId,
      ledgerNo,
    });
    return { repaired: true, ledgerNo, stage, note: 're-projected from the workflow state' };
  }
}

/** An error's class and message's first line, for a report (messages here name no values). */
function nameOf(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  return `${error.name}: ${error.message.split('\n')[0].slice(0, 200)}`;
}
