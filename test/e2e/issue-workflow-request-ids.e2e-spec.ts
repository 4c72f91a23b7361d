import type { ActBase, ActResult, VerificationAct } from '@sanbao/domain';
import { actUpdates } from '@sanbao/workflows';
import type { UpdateDefinition } from '@temporalio/common';
import {
  calmPolicy,
  decisionOf,
  IssueDriver,
  IssueHarness,
  newIssue,
} from '../support/issue-driver';

/**
 * A request id means one act (docs/api.md, "request ids"): reused for another act, or for the
 * same act with other content, it is refused with `request_id_reused` and nothing is recorded;
 * the same act resent under its own request id answers its first result. Within a run (where
 * Temporal itself remembers update ids) and after continue-as-new (where only the workflow's
 * carried memory does).
 */
describe('issue workflow: a request id means one act', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-reqids');
  });

  afterAll(async () => {
    await harness?.close();
  });

  type Update = UpdateDefinition<ActResult, [ActBase], string>;

  async function expectReused(driver: IssueDriver, update: unknown, act: ActBase, was: RegExp) {
    const refusal = await driver.refusal(update as Update, act);
    expect(refusal).toEqual({ type: 'request_id_reused', message: expect.stringMatching(was) });
  }

  async function runId(driver: IssueDriver): Promise<string> {
    return (await driver.handle.describe()).runId;
  }

  it('refuses a reused request id and answers a true repeat, before and after continue-as-new', async () => {
    const issue = newIssue(calmPolicy({ historyLimit: 40 }));
    const driver = await harness.start(issue);
    const firstRun = await runId(driver);
    const a = driver.actors;

    const visit: VerificationAct = {
      requestId: driver.nextRequestId('verification'),
      actor: a.village,
      confirmed: true,
      findings: '入户核查属实',
      visitedAt: new Date().toISOString(),
    };
    const verified = await driver.send(actUpdates.verification, visit);
    expect(verified).toMatchObject({ accepted: true, stage: 'township_decision' });

    // Within the run: the township's decision under the verification's request id.
    const decision = {
      requestId: visit.requestId,
      actor: a.township,
      decision: 'forward',
      explanation: '需县教科局协调学位',
    };
    await expectReused(
      driver,
      actUpdates.townshipDecision,
      decision,
      /already used for verification/,
    );
    // The same act name with other content under the same request id is another act too.
    await expectReused(
      driver,
      actUpdates.verification,
      { ...visit, confirmed: false, findings: '复核：孩子已在外地就读' } as ActBase,
      /already used for another verification with other content/,
    );
    // The true repeat answers its first result (the act's decision; how far the read models
    // have caught up is reported as of now), with no second effect.
    expect(decisionOf(await driver.send(actUpdates.verification, { ...visit }))).toEqual(
      decisionOf(verified),
    );
    let state = await driver.state();
    expect(state.stage).toBe('township_decision');
    expect(state.acts.map((r) => r.act)).toEqual(['opened', 'verification']);

    // The decision under its own request id is taken.
    const decided = await driver.send(actUpdates.townshipDecision, {
      ...decision,
      requestId: driver.nextRequestId('townshipDecision'),
    } as never);
    expect(decided).toMatchObject({ accepted: true, stage: 'solution_plan' });
    await driver.plan('general');

    // Progress notes (at least one) until the history limit makes the issue continue as new.
    const notes: { act: ActBase; result: ActResult }[] = [];
    do {
      const note = {
        requestId: driver.nextRequestId('progressNote'),
        actor: a.bureau,
        note: `回访 ${notes.length}`,
      };
      notes.push({ act: note, result: await driver.send(actUpdates.progressNote, note) });
    } while (notes.length < 10 && (await runId(driver)) === firstRun);
    expect(await runId(driver)).not.toBe(firstRun);
    const carried = await driver.state();

    // After continue-as-new the server no longer knows the update ids; the workflow does.
    await expectReused(
      driver,
      actUpdates.progressNote,
      { requestId: visit.requestId, actor: a.bureau, note: '进展' } as ActBase,
      /already used for verification/,
    );
    await expectReused(
      driver,
      actUpdates.verification,
      { ...visit, findings: '另一次入户' } as ActBase,
      /already used for another verification with other content/,
    );
    const firstNote = notes[0];
    await expectReused(
      driver,
      actUpdates.progressNote,
      { ...firstNote.act, note: '改写的进展' } as ActBase,
      /already used for another progressNote with other content/,
    );
    expect(decisionOf(await driver.send(actUpdates.verification, { ...visit }))).toEqual(
      decisionOf(verified),
    );
    expect(
      decisionOf(await driver.send(actUpdates.progressNote, { ...firstNote.act } as never)),
    ).toEqual(decisionOf(firstNote.result));

    // Nothing refused or repeated left a trace.
    state = await driver.state();
    expect(state.acts).toHaveLength(carried.acts.length);
    expect(state.stage).toBe('resolution');
  });
});
