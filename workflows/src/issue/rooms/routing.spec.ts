import {
  DEFAULT_DEADLINE_POLICY,
  mergeDeadlinePolicy,
  type Actor,
  type IssueStartInput,
} from '@sanbao/domain';
import { ACT_VALIDATORS, type ActContext } from '../act-validation';
import { IssueCase } from '../issue-case';

/** Send back and re-route on the case, without Temporal: who may, and what the clock does. */

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const policy = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {
  version: 'unit',
  limits: {
    verification: { seconds: 10 },
    townshipDecision: { seconds: 10 },
    solutionPlan: { seconds: 10 },
    sentBack: { seconds: 5 },
  },
  reminderEvery: { seconds: 100 },
  redAfter: { seconds: 100 },
});
const issue: IssueStartInput = {
  issueKey: 'issue:education:HH-1/CHILD-1:out_of_school',
  sector: 'education',
  kind: 'not_enrolled',
  severityHint: 'general',
  subject: {
    kind: 'household',
    id: 'HH-1',
    personRef: 'CHILD-1',
    villageCode: '511921101201',
    townshipCode: '511921101',
  },
  summary: 'not enrolled',
  reportedAt: at(0).toISOString(),
  channel: 'hotline',
  policy,
  reportedBy: { id: 'system:intake', name: 'intake', role: 'system' },
};
const village: Actor = { id: 'v', name: 'cadre', role: 'village', villageCode: '511921101201' };
const township: Actor = { id: 't', name: 'officer', role: 'township', townshipCode: '511921101' };

function check(c: IssueCase, now: Date, name: 'sendBack' | 'reroute', act: object): string {
  const ctx: ActContext = {
    issue: c.issue,
    state: c.state,
    answeredAct: (id) => c.answeredAct(id),
    now,
  };
  try {
    (ACT_VALIDATORS[name] as (ctx: ActContext, act: unknown) => void)(ctx, act);
    return 'ok';
  } catch (error) {
    return (error as { type?: string }).type ?? String(error);
  }
}

describe('routing: send back and re-route', () => {
  it('holds the stage with the level above, then gives the new village a fresh limit', () => {
    const c = IssueCase.open(structuredClone(issue), at(0));
    const back = { requestId: 'r1', actor: village, reason: 'not ours' };
    expect(check(c, at(2), 'sendBack', { ...back, actor: township })).toBe('wrong_role');
    expect(
      check(c, at(2), 'reroute', {
        requestId: 'r0',
        actor: township,
        reason: 'x',
        villageCode: '511921101202',
      }),
    ).toBe('not_allowed');
    expect(check(c, at(2), 'sendBack', back)).toBe('ok');
    c.act('sendBack', back, at(2));
    expect(c.state.sentBack).toMatchObject({ unit: '511921101201', dueAt: at(7).toISOString() });
    expect(c.state.currentDueAt).toBe(at(7).toISOString());
    expect(check(c, at(3), 'sendBack', { ...back, requestId: 'r2' })).toBe('not_allowed');
    expect(check(c, at(3), 'reroute', { requestId: 'r1', actor: township, reason: 'x' })).toBe(
      'request_id_reused',
    );

    // The township lets its limit pass: the lapse is the township's.
    c.takeEffects();
    c.tick(at(7));
    expect(c.state.lapses).toEqual([
      expect.objectContaining({ unit: '511921101', stage: 'verification' }),
    ]);

    const reroute = {
      requestId: 'r3',
      actor: township,
      reason: 'theirs',
      villageCode: '511921101202',
    };
    expect(check(c, at(8), 'reroute', { ...reroute, villageCode: '511921101201' })).toBe(
      'invalid_field',
    );
    expect(check(c, at(8), 'reroute', reroute)).toBe('ok');
    c.act('reroute', reroute, at(8));
    expect(c.state.sentBack).toBeUndefined();
    expect(c.state.subject).toMatchObject({
      villageCode: '511921101202',
      townshipCode: '511921101',
    });
    expect(c.issue.subject.villageCode).toBe('511921101202');
    expect(c.state.currentDueAt).toBe(at(18).toISOString());
    expect(c.state.overdueLevel).toBe('none');
    expect(c.state.acts.map((r) => r.act)).toEqual(['opened', 'sendBack', 'overdue', 'reroute']);
  });
});
