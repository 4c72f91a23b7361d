import { Inject, Injectable } from '@nestjs/common';
import { actorOf, type Principal } from '@sanbao/auth';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import {
  ACTS,
  backdateProblem,
  CLOCK_SKEW_MS,
  canonicalKind,
  issueKey,
  kindsOf,
  normaliseSubject,
  type ActBase,
  type UnsignedAct,
  type ActName,
  type ActResult,
  type Evidence,
  type IssueStartInput,
  type IssueState,
  type MergeSurvivor,
} from '@sanbao/domain';
import {
  ISSUE_WORKFLOWS,
  IssueActRejected,
  IssueWorkflowNotFound,
  isTemporalServiceError,
  type IssueWorkflows,
} from '@sanbao/temporal';
import { DivisionsService } from '../admin/divisions.service';
import { ActRejectedError, fieldOf } from '../common/act-rejection';
import { ApiError } from '../common/api.errors';
import type { MergeDto } from './acts.dto';
import type { ReportIssueDto } from './issues.dto';
import { LedgerRepository } from './ledger.repository';
import { inReadScope, readScope } from './scope';

export interface ReportedIssue {
  issueKey: string;
  ledgerNo: string | null;
  /** false when an open issue about the same household, sector and kind already existed */
  created: boolean;
  stage: string;
  currentDueAt: string | null;
}

/**
 * What people do to issues, through the IssueWorkflows gateway: a report starts (or adds to)
 * the issue workflow, an act is the workflow's Update of the act's name. The workflow's
 * validators decide; their refusal codes become HTTP statuses at the edge.
 */
@Injectable()
export class IssueActsService {
  constructor(
    @Inject(ISSUE_WORKFLOWS) private readonly workflows: IssueWorkflows,
    private readonly ledger: LedgerRepository,
    private readonly divisions: DivisionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(principal: Principal, dto: ReportIssueDto): Promise<ReportedIssue> {
    // One kind catalogue for bureau data, hand reports and the console: an alias the county's
    // documents use reads as its kind; anything else is refused with the sector's list.
    const kind = canonicalKind(dto.sector, dto.kind);
    if (!kind) {
      const kinds = kindsOf(dto.sector).join(', ');
      throw new ApiError('invalid_content', `${dto.sector} has no kind ${dto.kind}`, {
        kind: [`must be one of ${kinds}`],
      });
    }
    const village = await this.divisions.village(dto.subject.villageCode);
    if (!village) {
      throw new ApiError('invalid_content', 'the village is not one of the county villages', {
        'subject.villageCode': [`${dto.subject.villageCode} is not a village of the county`],
      });
    }
    const allowed =
      (principal.role === 'village' && principal.villageCode === village.code) ||
      (principal.role === 'township' && principal.townshipCode === village.townshipCode) ||
      (principal.role === 'bureau' && principal.sector === dto.sector);
    if (!allowed) {
      throw new ApiError(
        'forbidden',
        'you may report only for your own village, township or sector',
      );
    }
    if (dto.subject.kind === 'village' && dto.subject.id !== dto.subject.villageCode) {
      throw new ApiError('invalid_content', 'a village-wide issue is about the village itself', {
        'subject.id': ['must equal subject.villageCode when subject.kind is village'],
      });
    }
    const now = new Date();
    const reportedAt = dto.reportedAt ? new Date(dto.reportedAt) : now;
    if (reportedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new ApiError('invalid_content', 'the report time is in the future', {
        reportedAt: ['must not be in the future'],
      });
    }
    const backdated = backdateProblem(this.config.deadlinePolicy, reportedAt, now);
    if (backdated) {
      throw new ApiError('invalid_content', 'the report time is too far back', {
        reportedAt: [backdated],
      });
    }
    // The DTO already read the identifiers in their one form; a hand report built otherwise
    // (a service, a test) goes through the same rule before it becomes a key.
    const subject = normaliseSubject({
      kind: dto.subject.kind,
      id: dto.subject.id,
      ...(dto.subject.personRef ? { personRef: dto.subject.personRef } : {}),
      villageCode: village.code,
      townshipCode: village.townshipCode,
    });
    const input: IssueStartInput = {
      issueKey: issueKey({ sector: dto.sector, subject, kind }),
      sector: dto.sector,
      kind,
      severityHint: dto.severityHint ?? 'general',
      subject,
      summary: dto.summary,
      reportedAt: reportedAt.toISOString(),
      channel: dto.channel,
      ...(dto.flags ? { flags: { ...dto.flags } } : {}),
      policy: this.config.deadlinePolicy,
      reportedBy: actorOf(principal),
    };
    const evidence: Evidence = {
      // The request id makes a repeated report one piece of evidence, not two.
      evidenceId: `report:${dto.requestId}`,
      source: `api:user:${principal.userId}`,
      receivedAt: now.toISOString(),
      description: dto.summary,
      // the kind as reported: a report of another kind of the family joins as evidence
      data: { channel: dto.channel, reportedAt: input.reportedAt, kind },
    };
    // The issue that took the report: under the family key, or one opened under its kind's key
    // before problem families.
    const joined = await this.unavailableAsError(() => this.workflows.startOrJoin(input, evidence));
    const key = joined.issueKey ?? input.issueKey;
    const state = await this.stateWithLedgerNo(key);
    return {
      issueKey: key,
      ledgerNo: state?.ledgerNo ?? null,
      created: state ? state.reportedAt === input.reportedAt : true,
      stage: state?.stage ?? 'verification',
      currentDueAt: state?.currentDueAt ?? null,
    };
  }

  /**
   * Sends one act as the workflow's Update named `updateName`; a repeat of the request id gets
   * the first answer. Any act of the catalogue goes through here unchanged.
   */
  async act<K extends ActName>(
    principal: Principal,
    id: string,
    updateName: K,
    payload: UnsignedAct<K>,
  ): Promise<ActResult> {
    const opening = await this.ledger.opening(id);
    if (!opening) throw new ApiError('not_found', `no issue ${id}`);
    // An act that names a village (a re-route) names one of the county's.
    const villageCode = namedVillage(payload);
    if (villageCode !== undefined && !(await this.divisions.village(villageCode))) {
      throw new ApiError('invalid_content', 'the village is not one of the county villages', {
        villageCode: [`${villageCode} is not a village of the county`],
      });
    }
    const act: ActBase = { ...payload, requestId: payload.requestId, actor: actorOf(principal) };
    // A ledger number names one opening: its act must not reach a later opening of the key.
    const target = {
      issueKey: opening.issueKey,
      ...(opening.pinned && opening.openingId ? { openingId: opening.openingId } : {}),
    };
    try {
      return await this.workflows.act(target, ACTS[updateName].update, act);
    } catch (error) {
      if (error instanceof IssueActRejected) {
        // Only a content refusal names a field; other messages start with the act's name too.
        const field = error.code === 'invalid_field' ? fieldOf(error.message) : undefined;
        throw new ActRejectedError(error.code, error.message, field);
      }
      if (error instanceof IssueWorkflowNotFound) {
        const row = await this.ledger.find(opening.ledgerNo ?? opening.issueKey);
        if (row?.status === 'closed') {
          throw new ActRejectedError(
            'wrong_stage',
            `${updateName} is not possible: the issue is closed`,
          );
        }
        throw new ApiError('not_found', `no issue ${id}`);
      }
      throw error;
    }
  }

  /**
   * A duplicate (`id`) merged into the open issue `into`. The survivor is named from the ledger
   * (its workflow, sector and codes), never by the caller; the duplicate's validator checks
   * both scopes, the sector and that it is another issue. A merging already done is answered by
   * the duplicate (its first answer); a new one needs a running survivor.
   */
  async intoSurvivor(
    principal: Principal,
    id: string,
    name: 'merge',
    body: MergeDto,
  ): Promise<ActResult> {
    const duplicate = await this.ledger.opening(id);
    if (!duplicate) throw new ApiError('not_found', `no issue ${id}`);
    const row = await this.ledger.find(body.into);
    if (!row) {
      throw new ApiError('invalid_content', 'no such issue to be merged into', {
        into: [`${body.into} is not an issue of the ledger`],
      });
    }
    // Before anything else is said of it (whether it is open is not for other units to learn).
    if (!inReadScope(readScope(principal), row)) {
      throw new ActRejectedError('out_of_scope', `${name}: ${body.into} is outside your scope`);
    }
    const done = duplicate.row?.status === 'closed';
    const workflowId = done
      ? this.workflows.workflowIdOf(row.issueKey)
      : await this.unavailableAsError(() => this.workflows.runningWorkflowId(row.issueKey));
    if (row.status !== 'open' || !workflowId) {
      throw new ActRejectedError(
        'not_allowed',
        `${name}: ${body.into} is closed; a duplicate is merged into an open issue`,
      );
    }
    const survivor: MergeSurvivor = {
      issueKey: row.issueKey,
      workflowId,
      sector: row.sector,
      townshipCode: row.townshipCode,
      villageCode: row.villageCode,
    };
    return this.act(principal, id, name, { ...body, survivor: { ...survivor } });
  }

  /** The live state from the workflow (the ledger may be a moment behind). */
  async liveState(issueKey: string): Promise<IssueState | undefined> {
    return this.workflows.readState(issueKey);
  }

  /** The state once the workflow has its ledger number (allocated by an activity at start). */
  private async stateWithLedgerNo(key: string): Promise<IssueState | undefined> {
    const deadline = Date.now() + 5000;
    let state = await this.liveState(key);
    while (state && !state.ledgerNo && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await this.liveState(key);
    }
    return state;
  }

  private async unavailableAsError<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isTemporalServiceError(error)) {
        throw new ApiError('unavailable', 'the workflow service is not reachable; try again');
      }
      throw error;
    }
  }
}

/** The village an act names (a re-route's destination), if it names one. */
function namedVillage(act: object): string | undefined {
  return 'villageCode' in act && typeof act.villageCode === 'string' ? act.villageCode : undefined;
}
