import type { MergeAct } from '@sanbao/domain';
import { actUpdates } from '@sanbao/workflows';
import { calmPolicy, IssueHarness, newIssue } from '../support/issue-driver';

/**
 * Merging on the real Temporal server and worker: the duplicate's workflow takes the merge,
 * closes as merged and tells the survivor's, which links the duplicate's evidence. The two
 * histories are saved as replay fixtures (merged-duplicate, merged-survivor).
 */
describe('issue workflow: a duplicate merged into the issue it duplicates', () => {
  let harness: IssueHarness;

  beforeAll(async () => {
    harness = await IssueHarness.start('issue-merge');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('closes the duplicate as merged and records merged_in on the survivor once', async () => {
    const survivor = await harness.start(newIssue(calmPolicy()));
    const issue = newIssue(calmPolicy());
    const duplicate = await harness.start(issue, {
      evidenceId: `${issue.issueKey}:roster-row-18`,
      source: 'education:roster:2026-autumn',
      receivedAt: issue.reportedAt,
      description: 'the same child under a mistyped household number',
    });
    const kept = await survivor.waitFor((s) => s.ledgerNo !== undefined, 'its ledger number');
    const gone = await duplicate.waitFor((s) => s.ledgerNo !== undefined, 'its ledger number');
    const { township } = duplicate.actors;
    const act: MergeAct = {
      requestId: duplicate.nextRequestId('merge'),
      actor: township,
      into: kept.ledgerNo!,
      reason: '同一儿童，户号录入有误。',
      survivor: {
        issueKey: kept.issueKey,
        workflowId: survivor.handle.workflowId,
        sector: kept.sector,
        townshipCode: kept.subject.townshipCode,
        villageCode: kept.subject.villageCode,
      },
    };
    const merged = await duplicate.send(actUpdates.merge, act);
    expect(merged).toMatchObject({ accepted: true, stage: 'closed', seq: 3 });
    // The same act again, after the duplicate's workflow has completed: the first answer.
    const final = await duplicate.handle.result();
    expect(final).toMatchObject({ stage: 'closed', closure: 'merged' });
    expect(await duplicate.send(actUpdates.merge, act)).toMatchObject({ seq: 3, at: merged.at });

    const state = await survivor.waitFor(
      (s) => s.acts.some((r) => r.act === 'merged_in'),
      'the merged_in record',
    );
    expect(state.stage).toBe('verification');
    expect(state.acts.filter((r) => r.act === 'merged_in')).toEqual([
      expect.objectContaining({
        actor: township,
        payload: {
          duplicate: gone.ledgerNo,
          reason: '同一儿童，户号录入有误。',
          evidence: [
            {
              evidenceId: `${issue.issueKey}:roster-row-18`,
              source: 'education:roster:2026-autumn',
              receivedAt: issue.reportedAt,
            },
          ],
        },
      }),
    ]);
    expect(state.evidence.map((e) => e.evidenceId)).toContain(`${issue.issueKey}:roster-row-18`);
    await duplicate.saveHistory('merged-duplicate');
    await survivor.saveHistory('merged-survivor');
  });
});
