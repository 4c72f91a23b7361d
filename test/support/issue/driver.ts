// One issue on the real stack: its handle, its people, and its acts sent as Updates.
import {
  actUpdateId,
  type ActBase,
  type ActResult,
  type Actor,
  type Evidence,
  type IssueStartInput,
  type IssueState,
} from '@sanbao/domain';
import { actUpdates, evidenceSignal, issueStateQuery, issueWorkflow } from '@sanbao/workflows';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { uniqueId } from '../env';
import type { IssueHarness } from './harness';
import { saveHistoryFixture } from './histories';
import { actorsFor, type IssueActors } from './people';
import { inSeconds } from './waiting';

type ActFields<A extends ActBase> = Omit<A, 'requestId' | 'actor'>;
type UpdateDef<A extends ActBase> = UpdateDefinition<ActResult, [A], string>;

/** One issue: its handle, its people, and its acts. */
export class IssueDriver {
  readonly actors: IssueActors;
  private requests = 0;

  constructor(
    readonly harness: IssueHarness,
    readonly handle: WorkflowHandle<typeof issueWorkflow>,
    readonly issue: IssueStartInput,
  ) {
    this.actors = actorsFor(issue);
  }

  get issueKey(): string {
    return this.issue.issueKey;
  }

  nextRequestId(label: string): string {
    this.requests += 1;
    return `${label}-${this.requests}-${uniqueId('r')}`;
  }

  state(): Promise<IssueState> {
    return this.handle.query(issueStateQuery);
  }

  /** Polls the query until `predicate` holds; fails with the last state's outline. */
  async waitFor(
    predicate: (state: IssueState) => boolean,
    what: string,
    timeoutMs = 60_000,
  ): Promise<IssueState> {
    const deadline = Date.now() + timeoutMs;
    let last: IssueState | undefined;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        last = await this.state();
        if (predicate(last)) return last;
      } catch (error) {
        lastError = error; // not started yet, or the worker is restarting
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const outline = last
      ? `stage ${last.stage}, overdue ${last.overdueLevel}, ${last.acts.length} records: ${last.acts
          .map((a) => a.act)
          .join(', ')}`
      : `no state (${String(lastError)})`;
    throw new Error(`timed out waiting for ${what}; ${outline}`);
  }

  /** Sends an act as the API does: updateId = actUpdateId(act name, act). */
  send<A extends ActBase>(
    update: UpdateDef<A>,
    act: A,
    updateId = actUpdateId(update.name, act),
  ): Promise<ActResult> {
    return this.handle.executeUpdate(update, { args: [act], updateId });
  }

  /** The message of a refused act (fails the test if it was accepted). */
  async refusal<A extends ActBase>(
    update: UpdateDef<A>,
    act: A,
  ): Promise<{ message: string; type?: string }> {
    try {
      await this.send(update, act);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause;
        const type = cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
        return { message: cause?.message ?? error.message, type };
      }
      throw error;
    }
    throw new Error(`${update.name} was accepted but should have been refused`);
  }

  act<A extends ActBase>(
    update: UpdateDef<A>,
    actor: Actor,
    fields: ActFields<A>,
    requestId = this.nextRequestId(update.name),
  ): Promise<ActResult> {
    return this.send(update, { ...fields, requestId, actor } as A);
  }

  verify(confirmed = true, actor = this.actors.village): Promise<ActResult> {
    return this.act(actUpdates.verification, actor, {
      confirmed,
      findings: confirmed ? '入户核查属实' : '入户核查：孩子已在外地就读',
      visitedAt: new Date().toISOString(),
    });
  }

  decide(
    decision: 'forward' | 'persuade' | 'unfounded',
    actor = this.actors.township,
  ): Promise<ActResult> {
    return this.act(actUpdates.townshipDecision, actor, {
      decision,
      explanation: `核查办理意见: ${decision}`,
    });
  }

  plan(
    severity: 'general' | 'major' = 'general',
    completionDate?: string,
    actor = this.actors.bureau,
  ): Promise<ActResult> {
    const limit =
      severity === 'major'
        ? this.issue.policy.limits.majorResolution
        : this.issue.policy.limits.generalResolution;
    // Well inside the limit, counted from now (the plan's own time is a moment later).
    const seconds = (limit.seconds ?? 0) + (limit.hours ?? 0) * 3600 + (limit.days ?? 0) * 86400;
    return this.act(actUpdates.solutionPlan, actor, {
      responsiblePerson: '县教科局 张伟',
      responsibleUnit: '县教科局',
      measures: ['劝返复学', '落实学生资助'],
      completionDate: completionDate ?? inSeconds(Math.max(seconds / 2, 1)),
      severity,
    });
  }

  note(text = '已入户劝返', actor = this.actors.bureau): Promise<ActResult> {
    return this.act(actUpdates.progressNote, actor, { note: text });
  }

  complete(actor = this.actors.bureau): Promise<ActResult> {
    return this.act(actUpdates.completion, actor, {
      outcome: '学生已返校复学',
      evidenceRefs: ['school-attendance-2026-09-08.pdf'],
    });
  }

  requestExtension(newDeadline: string, actor = this.actors.bureau): Promise<ActResult> {
    return this.act(actUpdates.extensionRequest, actor, {
      newDeadline,
      reason: '房屋重建需跨季施工',
      milestones: [{ description: '完成主体结构', dueDate: newDeadline }],
    });
  }

  vote(leader: Actor, approve: boolean): Promise<ActResult> {
    return this.act(actUpdates.leaderVote, leader, {
      approve,
      comment: approve ? '同意延期，按节点推进' : '不同意延期，按原期限完成',
    });
  }

  writeOff(result: 'resolved' | 'not_resolved', actor = this.actors.township): Promise<ActResult> {
    return this.act(actUpdates.writeOffCheck, actor, {
      result,
      ...(result === 'not_resolved' ? { reason: '回访发现学生再次辍学' } : {}),
    });
  }

  addEvidence(evidence: Partial<Evidence> = {}): Promise<void> {
    return this.handle.signal(evidenceSignal, {
      evidenceId: uniqueId('ev'),
      source: 'education:roster:2026-autumn',
      receivedAt: new Date().toISOString(),
      description: 'roster row: not enrolled',
      ...evidence,
    });
  }

  /** Waits for the workflow to finish and returns its final state. */
  result(): Promise<IssueState> {
    return this.handle.result();
  }

  /** Saves this run's history as a replay fixture when SANBAO_SAVE_HISTORIES=1. */
  async saveHistory(name: string, folder?: string): Promise<void> {
    if (process.env.SANBAO_SAVE_HISTORIES !== '1') return;
    await saveHistoryFixture(this.harness.client, this.issueKey, name, folder);
  }
}
