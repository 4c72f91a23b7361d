import {
  DEFAULT_DEADLINE_POLICY,
  type Actor,
  type IssueStartInput,
  type MergeAct,
} from '@sanbao/domain';
import { ApplicationFailure } from '@temporalio/common';
import { validateMerge, type ActContext } from '../act-validation';
import { IssueCase } from '../issue-case';
import { mergeIn, mergeNotice } from './merging';

/** Merging a duplicate, without Temporal: the duplicate's act and check, the survivor's notice. */

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function opened(id: string, ledgerNo: string, townshipCode = 'T1'): IssueCase {
  const issue: IssueStartInput = {
    issueKey: `issue:education:${id}:out_of_school`,
    sector: 'education',
    kind: 'not_returned',
    severityHint: 'general',
    subject: { kind: 'household', id, villageCode: `${townshipCode}V1`, townshipCode },
    summary: 'not back at school',
    reportedAt: at(0).toISOString(),
    channel: 'hotline',
    policy: DEFAULT_DEADLINE_POLICY,
    reportedBy: { id: 'u1', name: 'cadre', role: 'village', villageCode: `${townshipCode}V1` },
  };
  const c = IssueCase.open(issue, at(0));
  c.setLedgerNo(ledgerNo);
  c.addEvidence(
    {
      evidenceId: `report:${ledgerNo}`,
      source: 'api:user:u1',
      receivedAt: at(0).toISOString(),
      description: 'reported by hand',
    },
    at(0),
  );
  c.takeEffects();
  return c;
}

const township: Actor = { id: 't1', name: 'officer', role: 'township', townshipCode: 'T1' };
const bureau: Actor = { id: 'b1', name: 'bureau', role: 'bureau', sector: 'education' };
const village: Actor = { id: 'v1', name: 'cadre', role: 'village', villageCode: 'T1V1' };

function mergeOf(survivor: IssueCase, actor: Actor, requestId = 'm-1'): MergeAct {
  const s = survivor.state;
  return {
    requestId,
    actor,
    into: s.ledgerNo!,
    reason: 'one child, reported twice',
    survivor: {
      issueKey: s.issueKey,
      workflowId: 'issue-survivor',
      sector: s.sector,
      townshipCode: s.subject.townshipCode,
      villageCode: s.subject.villageCode,
    },
  };
}

function context(c: IssueCase): ActContext {
  return { issue: c.issue, state: c.state, answeredAct: (id) => c.answeredAct(id), now: at(5) };
}

function refusal(check: () => void): string {
  try {
    check();
  } catch (error) {
    if (error instanceof ApplicationFailure) return `${error.type}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('merging a duplicate', () => {
  it('closes the duplicate as merged and tells the survivor, which links its evidence once', () => {
    const survivor = opened('HH-1', '2026-EDU-000001');
    const duplicate = opened('HH-1B', '2026-EDU-000002');
    const act = mergeOf(survivor, township);
    expect(refusal(() => validateMerge(context(duplicate), act))).toBe('accepted');

    const result = duplicate.act('merge', act, at(5));
    expect(result).toMatchObject({ stage: 'closed', seq: 3 });
    expect(duplicate.state).toMatchObject({ stage: 'closed', closure: 'merged' });
    expect(duplicate.state.acts.map((r) => r.act)).toEqual([
      'opened',
      'evidence',
      'merge',
      'closed',
    ]);
    expect(duplicate.takeEffects().map((e) => (e.kind === 'event' ? e.event : e.kind))).toEqual([
      'merged',
      'stage_changed',
      'closed',
    ]);

    const told = mergeNotice(duplicate);
    expect(told?.workflowId).toBe('issue-survivor');
    expect(mergeIn(survivor, told!.notice, at(6))).toBe(true);
    // The same notice again (a replayed or resent signal) changes nothing.
    expect(mergeIn(survivor, told!.notice, at(7))).toBe(false);
    const merged = survivor.state.acts.filter((r) => r.act === 'merged_in');
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      actor: { id: 't1' },
      payload: {
        duplicate: '2026-EDU-000002',
        evidence: [{ evidenceId: 'report:2026-EDU-000002' }],
      },
    });
    expect(survivor.state.evidence.map((e) => e.evidenceId)).toEqual([
      'report:2026-EDU-000001',
      'report:2026-EDU-000002',
    ]);
    expect(survivor.state.stage).toBe('verification');
  });

  it('refuses another role, another scope, another sector, itself and a merge back', () => {
    const survivor = opened('HH-1', '2026-EDU-000001');
    const duplicate = opened('HH-1B', '2026-EDU-000002');
    const elsewhere = opened('HH-9', '2026-EDU-000009', 'T2');
    const check = (act: MergeAct, c = duplicate) => refusal(() => validateMerge(context(c), act));

    expect(check(mergeOf(survivor, bureau))).toBe('accepted');
    expect(check(mergeOf(survivor, village))).toMatch(
      /^wrong_role: merge must be done by a township officer or a county bureau officer/,
    );
    expect(check(mergeOf(survivor, { ...township, townshipCode: 'T2' }))).toMatch(/^out_of_scope/);
    expect(check(mergeOf(elsewhere, township))).toBe(
      'out_of_scope: merge: the issue merged into is outside your scope',
    );
    expect(check(mergeOf(survivor, { ...bureau, sector: 'water' }))).toMatch(/^out_of_scope/);
    const water = mergeOf(survivor, bureau);
    water.survivor.sector = 'water';
    expect(check(water)).toBe(
      'invalid_field: merge: into must be an issue of the education sector',
    );
    expect(check(mergeOf(duplicate, township))).toBe(
      'invalid_field: merge: into must be another issue than this one',
    );
    const forged = { ...mergeOf(survivor, township), survivor: undefined } as unknown as MergeAct;
    expect(check(forged)).toBe('invalid_act: merge: the survivor must be named by the API');

    // The survivor absorbed the duplicate: merging it back would go round.
    duplicate.act('merge', mergeOf(survivor, township), at(5));
    mergeIn(survivor, mergeNotice(duplicate)!.notice, at(6));
    const back = { ...mergeOf(survivor, township, 'm-2'), into: '2026-EDU-000002' };
    back.survivor.issueKey = duplicate.state.issueKey;
    expect(check(back, survivor)).toBe(
      'not_allowed: merge: 2026-EDU-000002 was merged into this issue; a merge may not go round',
    );
    // And a closed duplicate takes nothing more.
    expect(check(mergeOf(elsewhere, township, 'm-3'))).toMatch(
      /^wrong_stage: merge is only possible at an open issue; the issue is closed/,
    );
  });
});
