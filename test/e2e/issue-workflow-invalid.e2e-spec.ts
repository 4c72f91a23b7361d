import type { ActBase, ActResult, Actor } from '@sanbao/domain';
import { type ActRejectionCode, actUpdates } from '@sanbao/workflows';
import type { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import {
  calmPolicy,
  inSeconds,
  IssueDriver,
  IssueHarness,
  newIssue,
} from '../support/issue-driver';

/**
 * Every kind of act the county's rules refuse: the caller gets a clear message and a code, and
 * the act leaves no trace (not in the workflow history, not in the record, not in the ledger).
 */

interface Refused {
  name: string;
  update: UpdateDefinition<ActResult, [never], string>;
  act: Record<string, unknown> & { requestId: string };
  updateId?: string;
  code: ActRejectionCode;
  message: RegExp;
}

async function expectRefused(driver: IssueDriver, cases: Refused[]): Promise<string[]> {
  const ids: string[] = [];
  for (const c of cases) {
    const refusal = await refusalOf(driver, c);
    expect({ case: c.name, ...refusal }).toEqual({
      case: c.name,
      type: c.code,
      message: expect.stringMatching(c.message),
    });
    ids.push(c.updateId ?? c.act.requestId);
  }
  return ids;
}

async function refusalOf(driver: IssueDriver, c: Refused) {
  const update = c.update as UpdateDefinition<ActResult, [ActBase], string>;
  if (c.updateId) {
    // An explicit update id (the request id itself is what is wrong here).
    try {
      await driver.send(update, c.act as never, c.updateId);
    } catch (error) {
      const cause = (error as { cause?: ApplicationFailure }).cause;
      return { message: cause?.message, type: cause?.type };
    }
    throw new Error(`${c.name}: accepted`);
  }
  return driver.refusal(update, c.act as never);
}

/**
 * Request ids (or explicit update ids) the workflow history accepted: a refused act must not be
 * among them. An act's update id is `actUpdateId`: its request id comes first, before the '#'.
 */
async function acceptedUpdateIds(driver: IssueDriver): Promise<string[]> {
  const history = await driver.handle.fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId)
    .filter((id): id is string => typeof id === 'string')
    .map((id) => id.split('#')[0]);
}

describe('issue workflow: refused acts', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-invalid');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** An act with a fresh request id; the name is the case's label too. */
  function make(
    driver: IssueDriver,
    name: string,
    update: UpdateDefinition<ActResult, [never], string>,
    actor: Actor | undefined,
    fields: Record<string, unknown>,
    code: ActRejectionCode,
    message: RegExp,
    extra: Partial<Refused> = {},
  ): Refused {
    const requestId = driver.nextRequestId(`bad-${name}`);
    return {
      name,
      update,
      act: { requestId, ...(actor ? { actor } : {}), ...fields },
      code,
      message,
      ...extra,
    };
  }

  it('refuses acts out of stage, role or scope, with missing fields or bad dates, and leaves no trace', async () => {
    const issue = newIssue(calmPolicy());
    const driver = await harness.start(issue);
    const a = driver.actors;
    const visit = {
      confirmed: true,
      findings: '入户核查属实',
      visitedAt: new Date().toISOString(),
    };
    const refusedIds: string[] = [];
    const refuse = async (cases: Refused[]) =>
      refusedIds.push(...(await expectRefused(driver, cases)));

    await refuse(
      [
        make(
          driver,
          'decision before verification',
          actUpdates.townshipDecision as never,
          a.township,
          { decision: 'forward', explanation: 'x' },
          'wrong_stage',
          /^townshipDecision is only possible at township_decision; the issue is at verification$/,
        ),
        make(
          driver,
          'township officer verifies',
          actUpdates.verification as never,
          a.township,
          visit,
          'wrong_role',
          /^verification must be done by a village cadre; a township officer may not$/,
        ),
        make(
          driver,
          'administrator verifies',
          actUpdates.verification as never,
          a.admin,
          visit,
          'wrong_role',
          /an administrator may not/,
        ),
        make(
          driver,
          'supervisor verifies',
          actUpdates.verification as never,
          a.supervisor,
          visit,
          'wrong_role',
          /a supervisor may not/,
        ),
        make(
          driver,
          'cadre of another village',
          actUpdates.verification as never,
          a.otherVillage,
          visit,
          'out_of_scope',
          new RegExp(`only a cadre of village ${issue.subject.villageCode} may act`),
        ),
        make(
          driver,
          'no findings',
          actUpdates.verification as never,
          a.village,
          { confirmed: true, visitedAt: visit.visitedAt },
          'invalid_field',
          /^verification: findings is required and must be non-empty text$/,
        ),
        make(
          driver,
          'blank findings',
          actUpdates.verification as never,
          a.village,
          { ...visit, findings: '   ' },
          'invalid_field',
          /findings is required/,
        ),
        make(
          driver,
          'visit time not a date',
          actUpdates.verification as never,
          a.village,
          { ...visit, visitedAt: 'yesterday' },
          'invalid_field',
          /visitedAt must be an ISO 8601 date-time with a time zone/,
        ),
        make(
          driver,
          'visit in the future',
          actUpdates.verification as never,
          a.village,
          { ...visit, visitedAt: inSeconds(86_400) },
          'invalid_field',
          /visitedAt is in the future/,
        ),
        make(
          driver,
          'confirmed not a boolean',
          actUpdates.verification as never,
          a.village,
          { ...visit, confirmed: 'yes' },
          'invalid_field',
          /confirmed must be true or false/,
        ),
        make(
          driver,
          'no actor',
          actUpdates.verification as never,
          undefined,
          visit,
          'invalid_act',
          /actor with an id is required/,
        ),
        make(
          driver,
          'unsigned act',
          actUpdates.verification as never,
          { ...a.village, name: '' },
          visit,
          'invalid_act',
          /actor.name is required/,
        ),
        make(
          driver,
          'no request id',
          actUpdates.verification as never,
          a.village,
          visit,
          'invalid_act',
          /requestId is required/,
          { updateId: 'no-request-id' },
        ),
      ].map((c) => (c.name === 'no request id' ? { ...c, act: { ...c.act, requestId: '' } } : c)),
    );

    const verified = await driver.verify();

    await refuse(
      [
        // The workflow refuses a request id reused for another act (under another update id).
        make(
          driver,
          'request id reused',
          actUpdates.townshipDecision as never,
          a.township,
          { decision: 'forward', explanation: 'x' },
          'request_id_reused',
          /was already used for verification/,
          { updateId: 'reuse-attempt' },
        ),
        make(
          driver,
          'unknown decision',
          actUpdates.townshipDecision as never,
          a.township,
          { decision: 'maybe', explanation: 'x' },
          'invalid_field',
          /decision must be one of forward, persuade, unfounded/,
        ),
        make(
          driver,
          'officer of another township',
          actUpdates.townshipDecision as never,
          a.otherTownship,
          { decision: 'forward', explanation: 'x' },
          'out_of_scope',
          new RegExp(`only an officer of township ${issue.subject.townshipCode} may act`),
        ),
        make(
          driver,
          'no explanation',
          actUpdates.townshipDecision as never,
          a.township,
          { decision: 'persuade' },
          'invalid_field',
          /explanation is required/,
        ),
      ].map((c) =>
        c.name === 'request id reused'
          ? { ...c, act: { ...c.act, requestId: verified.requestId } }
          : c,
      ),
    );

    await driver.decide('forward');
    const plan = {
      responsiblePerson: '张伟',
      responsibleUnit: '县教科局',
      measures: ['劝返复学'],
      completionDate: inSeconds(60),
      severity: 'general',
    };
    await refuse([
      make(
        driver,
        'bureau of another sector',
        actUpdates.solutionPlan as never,
        a.otherBureau,
        plan,
        'out_of_scope',
        /only an officer of the education bureau may act/,
      ),
      make(
        driver,
        'completion beyond the limit',
        actUpdates.solutionPlan as never,
        a.bureau,
        { ...plan, completionDate: inSeconds(3600) },
        'invalid_field',
        /completionDate is beyond the limit for a general issue \(latest .+\)/,
      ),
      make(
        driver,
        'completion in the past',
        actUpdates.solutionPlan as never,
        a.bureau,
        { ...plan, completionDate: inSeconds(-60) },
        'invalid_field',
        /completionDate must be in the future/,
      ),
      make(
        driver,
        'completion without a time zone',
        actUpdates.solutionPlan as never,
        a.bureau,
        { ...plan, completionDate: '2030-01-01' },
        'invalid_field',
        /completionDate must be an ISO 8601 date-time/,
      ),
      make(
        driver,
        'no measures',
        actUpdates.solutionPlan as never,
        a.bureau,
        { ...plan, measures: [] },
        'invalid_field',
        /measures must be a non-empty list/,
      ),
      make(
        driver,
        'blank measure',
        actUpdates.solutionPlan as never,
        a.bureau,
        { ...plan, measures: ['ok', ''] },
        'invalid_field',
        /measures\[1\] is required/,
      ),
      make(
        driver,
        'unknown severity',
        actUpdates.solutionPlan as never,
        a.bureau,
        { ...plan, severity: 'urgent' },
        'invalid_field',
        /severity must be one of general, major/,
      ),
      make(
        driver,
        'no responsible person',
        actUpdates.solutionPlan as never,
        a.bureau,
        { ...plan, responsiblePerson: undefined },
        'invalid_field',
        /responsiblePerson is required/,
      ),
    ]);

    await driver.plan('general');
    await refuse([
      make(
        driver,
        'extension of a general issue',
        actUpdates.extensionRequest as never,
        a.bureau,
        {
          newDeadline: inSeconds(7200),
          reason: 'x',
          milestones: [{ description: 'x', dueDate: inSeconds(3600) }],
        },
        'not_allowed',
        /only a major issue may be extended/,
      ),
      make(
        driver,
        'vote without a request',
        actUpdates.leaderVote as never,
        a.leaders[0],
        { approve: true, comment: 'ok' },
        'not_allowed',
        /no extension request is waiting for a vote/,
      ),
      make(
        driver,
        'completion without evidence',
        actUpdates.completion as never,
        a.bureau,
        { outcome: 'done', evidenceRefs: [] },
        'invalid_field',
        /evidenceRefs must be a non-empty list/,
      ),
      make(
        driver,
        'leader writes a progress note',
        actUpdates.progressNote as never,
        a.leaders[0],
        { note: 'x' },
        'wrong_role',
        /progressNote must be done by a county bureau officer; a county leader may not/,
      ),
      make(
        driver,
        'write-off before completion',
        actUpdates.writeOffCheck as never,
        a.township,
        { result: 'resolved' },
        'wrong_stage',
        /writeOffCheck is only possible at write_off; the issue is at resolution/,
      ),
    ]);

    await driver.complete();
    await refuse([
      make(
        driver,
        'not resolved without a reason',
        actUpdates.writeOffCheck as never,
        a.township,
        { result: 'not_resolved' },
        'invalid_field',
        /reason is required/,
      ),
      make(
        driver,
        'unknown result',
        actUpdates.writeOffCheck as never,
        a.township,
        { result: 'done' },
        'invalid_field',
        /result must be one of resolved, not_resolved/,
      ),
      make(
        driver,
        'village cadre writes off',
        actUpdates.writeOffCheck as never,
        a.village,
        { result: 'resolved' },
        'wrong_role',
        /a village cadre may not/,
      ),
    ]);
    const closing = await driver.writeOff('resolved');
    const final = await driver.result();

    // No trace: not in the history, not in the record, not in the audit trail.
    const accepted = await acceptedUpdateIds(driver);
    expect(accepted).toHaveLength(5);
    expect(accepted).toContain(closing.requestId);
    expect(accepted.filter((id) => refusedIds.includes(id))).toEqual([]);
    expect(final.acts.filter((r) => refusedIds.includes(r.requestId))).toEqual([]);
    expect(final.acts.map((r) => r.act)).toEqual([
      'opened',
      'verification',
      'townshipDecision',
      'solutionPlan',
      'completion',
      'writeOffCheck',
      'closed',
    ]);
    const audit = await harness.auditTrail(issue.issueKey);
    expect(audit.map((row) => row.kind)).toEqual(final.acts.map((r) => r.act));
    expect(await harness.ledgerRow(issue.issueKey)).toMatchObject({
      status: 'closed',
      last_seq: 7,
    });

    // A closed issue takes no more acts: the workflow has completed.
    await expect(driver.note('too late')).rejects.toThrow(/completed/i);
    await driver.saveHistory('refused-acts');
  });

  it('refuses bad extension requests and a second vote by the same leader', async () => {
    const issue = newIssue(calmPolicy({ leaderQuorum: 2 }));
    const driver = await harness.start(issue);
    const a = driver.actors;
    await driver.verify();
    await driver.decide('forward');
    await driver.plan('major');
    const dueAt = Date.parse((await driver.state()).currentDueAt!);
    const later = new Date(dueAt + 3_600_000).toISOString();
    const milestone = { description: '完成主体结构', dueDate: inSeconds(600) };
    const refusedIds: string[] = [];
    const refuse = async (cases: Refused[]) =>
      refusedIds.push(...(await expectRefused(driver, cases)));

    await refuse([
      make(
        driver,
        'new deadline not later',
        actUpdates.extensionRequest as never,
        a.bureau,
        { newDeadline: new Date(dueAt - 1000).toISOString(), reason: 'x', milestones: [milestone] },
        'invalid_field',
        /newDeadline must be later than the current deadline/,
      ),
      make(
        driver,
        'no milestones',
        actUpdates.extensionRequest as never,
        a.bureau,
        { newDeadline: later, reason: 'x', milestones: [] },
        'invalid_field',
        /milestones must be a non-empty list/,
      ),
      make(
        driver,
        'milestone after the new deadline',
        actUpdates.extensionRequest as never,
        a.bureau,
        {
          newDeadline: later,
          reason: 'x',
          milestones: [{ description: 'x', dueDate: new Date(dueAt + 7_200_000).toISOString() }],
        },
        'invalid_field',
        /milestones\[0\].dueDate must fall after now and by the newDeadline/,
      ),
      make(
        driver,
        'no reason',
        actUpdates.extensionRequest as never,
        a.bureau,
        { newDeadline: later, milestones: [milestone] },
        'invalid_field',
        /reason is required/,
      ),
      make(
        driver,
        'leader requests',
        actUpdates.extensionRequest as never,
        a.leaders[0],
        { newDeadline: later, reason: 'x', milestones: [milestone] },
        'wrong_role',
        /a county bureau officer; a county leader may not/,
      ),
    ]);

    await driver.requestExtension(later);
    await driver.vote(a.leaders[0], true);
    await refuse([
      make(
        driver,
        'second vote by the same leader',
        actUpdates.leaderVote as never,
        a.leaders[0],
        { approve: false, comment: 'changed my mind' },
        'already_voted',
        /this leader has already voted on the extension/,
      ),
      make(
        driver,
        'bureau votes',
        actUpdates.leaderVote as never,
        a.bureau,
        { approve: true, comment: 'x' },
        'wrong_role',
        /leaderVote must be done by a county leader/,
      ),
      make(
        driver,
        'vote without a comment',
        actUpdates.leaderVote as never,
        a.leaders[1],
        { approve: true },
        'invalid_field',
        /comment is required/,
      ),
      make(
        driver,
        'second request while voting',
        actUpdates.extensionRequest as never,
        a.bureau,
        { newDeadline: later, reason: 'x', milestones: [milestone] },
        'not_allowed',
        /still voting on an earlier request/,
      ),
    ]);

    const state = await driver.state();
    expect(state.extensions).toHaveLength(1);
    expect(state.extensions[0]).toMatchObject({ status: 'voting', votes: [{ approve: true }] });
    expect(state.extensions[0].votes).toHaveLength(1);
    const accepted = await acceptedUpdateIds(driver);
    expect(accepted.filter((id) => refusedIds.includes(id))).toEqual([]);
    expect(state.acts.filter((r) => refusedIds.includes(r.requestId))).toEqual([]);
    await driver.handle.terminate('test done');
  });
});
