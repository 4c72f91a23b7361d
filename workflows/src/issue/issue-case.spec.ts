import {
  DEFAULT_DEADLINE_POLICY,
  mergeDeadlinePolicy,
  type Actor,
  type DeadlinePolicy,
  type IssueStartInput,
} from '@sanbao/domain';
import { validateLeaderVote, validateSolutionPlan, type ActContext } from './act-validation';
import { IssueCase, type Effect } from './issue-case';

/**
 * The issue's rules without Temporal: what the clock does to a waiting stage. The workflow
 * e2e tests run the same code on the real server; these pin the arithmetic to the second.
 */

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function policy(override: Parameters<typeof mergeDeadlinePolicy>[1] = {}): DeadlinePolicy {
  return mergeDeadlinePolicy(
    mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {
      version: 'unit',
      limits: {
        verification: { seconds: 10 },
        townshipDecision: { seconds: 10 },
        solutionPlan: { seconds: 10 },
        generalResolution: { seconds: 20 },
        majorResolution: { seconds: 40 },
        writeOff: { seconds: 10 },
        extensionVote: { seconds: 15 },
      },
      reminderEvery: { seconds: 4 },
      redAfter: { seconds: 10 },
      leaderQuorum: 2,
    }),
    override,
  );
}

function issue(p = policy()): IssueStartInput {
  return {
    issueKey: 'issue:water:V1:outage',
    sector: 'water',
    kind: 'outage',
    severityHint: 'general',
    subject: { kind: 'village', id: 'V1', villageCode: 'V1', townshipCode: 'T1' },
    summary: 'supply outage',
    reportedAt: at(0).toISOString(),
    channel: 'sector_signal',
    policy: p,
    reportedBy: { id: 'system:intake', name: 'intake', role: 'system' },
  };
}

const village: Actor = { id: 'c1', name: 'cadre', role: 'village', villageCode: 'V1' };
const township: Actor = { id: 't1', name: 'officer', role: 'township', townshipCode: 'T1' };
const bureau: Actor = { id: 'b1', name: 'bureau', role: 'bureau', sector: 'water' };
const leader = (n: number): Actor => ({ id: `l${n}`, name: `leader ${n}`, role: 'leader' });

function kinds(effects: Effect[]): string[] {
  return effects.map((e) => (e.kind === 'event' ? `event:${e.event}` : e.kind));
}

function context(c: IssueCase, now: Date): ActContext {
  return { issue: c.issue, state: c.state, answeredAct: (id) => c.answeredAct(id), now };
}

describe('IssueCase: the clock on a waiting stage', () => {
  it('opens with the verification due one limit after the report', () => {
    const c = IssueCase.open(issue(), at(1));
    expect(c.state.currentDueAt).toBe(at(10).toISOString());
    expect(c.nextWakeAt()).toEqual(at(10));
    expect(kinds(c.takeEffects())).toEqual(['event:opened']);
  });

  it('turns yellow at the deadline, reminds on the grid, turns red, and keeps waiting', () => {
    const c = IssueCase.open(issue(), at(0));
    c.takeEffects();
    c.tick(at(9.999));
    expect(c.state.overdueLevel).toBe('none');

    c.tick(at(10));
    expect(c.state.overdueLevel).toBe('yellow');
    expect(c.state.lapses).toEqual([
      {
        stage: 'verification',
        unit: 'V1',
        dueAt: at(10).toISOString(),
        detectedAt: at(10).toISOString(),
        level: 'yellow',
      },
    ]);
    const overdue = c.takeEffects();
    expect(kinds(overdue)).toEqual(['lapse', 'notify', 'event:overdue']);
    expect(overdue[1]).toMatchObject({
      escalation: { level: 'yellow', notify: ['village', 'township'], responsibleUnit: 'V1' },
    });
    // next: the reminder at +4 s, then red at +10 s
    expect(c.nextWakeAt()).toEqual(at(14));

    c.tick(at(14));
    expect(c.state.reminders).toBe(1);
    expect(c.takeEffects()).toEqual([
      expect.objectContaining({
        kind: 'notify',
        escalation: expect.objectContaining({ level: 'yellow', notify: ['village'] }),
      }),
    ]);
    expect(c.nextWakeAt()).toEqual(at(18));
    c.tick(at(18));
    expect(kinds(c.takeEffects())).toEqual(['notify']);
    expect(c.nextWakeAt()).toEqual(at(20));

    c.tick(at(20));
    expect(c.state.overdueLevel).toBe('red');
    expect(c.state.lapses[0].level).toBe('red');
    const red = c.takeEffects();
    expect(kinds(red)).toEqual(['lapse', 'notify']);
    expect(red[1]).toMatchObject({
      escalation: { level: 'red', notify: ['village', 'township', 'leader', 'supervisor'] },
    });
    expect(c.nextWakeAt()).toEqual(at(22));
    expect(c.state.stage).toBe('verification');
    expect(c.state.acts.map((r) => r.act)).toEqual([
      'opened',
      'overdue',
      'reminder',
      'reminder',
      'escalation',
    ]);
  });

  it('after a long absence catches up in one go: yellow and red, no burst of missed reminders', () => {
    const c = IssueCase.open(issue(), at(0));
    c.takeEffects();
    c.tick(at(61));
    expect(c.state.overdueLevel).toBe('red');
    expect(c.state.reminders).toBe(0);
    expect(c.state.acts.map((r) => r.act)).toEqual(['opened', 'overdue', 'escalation']);
    // the reminder grid is kept: 10 + 4k, the first one after 61 s
    expect(c.nextWakeAt()).toEqual(at(62));
  });

  it('starts each stage afresh and counts a reopened resolution from the reopening', () => {
    const c = IssueCase.open(issue(policy({ countFrom: 'report' })), at(0));
    c.tick(at(11));
    c.act(
      'verification',
      {
        requestId: 'r1',
        actor: village,
        confirmed: true,
        findings: 'f',
        visitedAt: at(11).toISOString(),
      },
      at(12),
    );
    expect(c.state).toMatchObject({
      stage: 'township_decision',
      overdueLevel: 'none',
      reminders: 0,
    });
    expect(c.state.currentDueAt).toBe(at(20).toISOString()); // from the report: 10 + 10
    c.act(
      'townshipDecision',
      { requestId: 'r2', actor: township, decision: 'forward', explanation: 'e' },
      at(13),
    );
    c.act(
      'solutionPlan',
      {
        requestId: 'r3',
        actor: bureau,
        responsiblePerson: 'p',
        responsibleUnit: 'u',
        measures: ['m'],
        completionDate: at(30).toISOString(),
        severity: 'general',
      },
      at(14),
    );
    expect(c.state.currentDueAt).toBe(at(50).toISOString()); // 10 + 10 + 10 + 20
    c.act(
      'completion',
      { requestId: 'r4', actor: bureau, outcome: 'o', evidenceRefs: ['x'] },
      at(15),
    );
    c.act(
      'writeOffCheck',
      { requestId: 'r5', actor: township, result: 'not_resolved', reason: 'again' },
      at(100),
    );
    // the report's timeline has no second round: 20 s from the reopening
    expect(c.state).toMatchObject({
      stage: 'resolution',
      reopenCount: 1,
      currentDueAt: at(120).toISOString(),
    });
    expect(c.state.lapses.map((l) => l.stage)).toEqual(['verification']);
  });

  it('decides an extension at the quorum and lapses an undecided one at the window', () => {
    const major = IssueCase.open(issue(), at(0));
    major.act(
      'verification',
      {
        requestId: 'a',
        actor: village,
        confirmed: true,
        findings: 'f',
        visitedAt: at(0).toISOString(),
      },
      at(1),
    );
    major.act(
      'townshipDecision',
      { requestId: 'b', actor: township, decision: 'forward', explanation: 'e' },
      at(2),
    );
    major.act(
      'solutionPlan',
      {
        requestId: 'c',
        actor: bureau,
        responsiblePerson: 'p',
        responsibleUnit: 'u',
        measures: ['m'],
        completionDate: at(30).toISOString(),
        severity: 'major',
      },
      at(3),
    );
    const newDeadline = at(500).toISOString();
    major.act(
      'extensionRequest',
      {
        requestId: 'd',
        actor: bureau,
        newDeadline,
        reason: 'r',
        milestones: [{ description: 'm', dueDate: newDeadline }],
      },
      at(4),
    );
    expect(major.nextWakeAt()).toEqual(at(19)); // the vote window, before the deadline (43 s)
    major.act(
      'leaderVote',
      { requestId: 'e', actor: leader(1), approve: true, comment: 'ok' },
      at(5),
    );
    expect(() =>
      validateLeaderVote(context(major, at(6)), {
        requestId: 'f',
        actor: leader(1),
        approve: false,
        comment: 'no',
      }),
    ).toThrow('this leader has already voted');
    // the window closes undecided: the old deadline stands, the matter goes up
    major.tick(at(19));
    expect(major.state.extensions[0].status).toBe('lapsed');
    expect(major.state.currentDueAt).toBe(at(43).toISOString());
    expect(major.state.acts.slice(-2).map((r) => r.act)).toEqual([
      'extension_decided',
      'escalation',
    ]);
    expect(() =>
      validateLeaderVote(context(major, at(20)), {
        requestId: 'g',
        actor: leader(2),
        approve: true,
        comment: 'late',
      }),
    ).toThrow('no extension request is waiting');

    major.act(
      'extensionRequest',
      {
        requestId: 'h',
        actor: bureau,
        newDeadline,
        reason: 'r',
        milestones: [{ description: 'm', dueDate: newDeadline }],
      },
      at(21),
    );
    major.act(
      'leaderVote',
      { requestId: 'i', actor: leader(1), approve: true, comment: 'ok' },
      at(22),
    );
    major.act(
      'leaderVote',
      { requestId: 'j', actor: leader(2), approve: true, comment: 'ok' },
      at(23),
    );
    expect(major.state.extensions[1].status).toBe('approved');
    expect(major.state.currentDueAt).toBe(newDeadline);
    expect(major.state.deadlines.resolution).toBe(newDeadline);
  });

  it('holds a plan to the latest completion date for its severity', () => {
    const c = IssueCase.open(issue(), at(0));
    c.act(
      'verification',
      {
        requestId: 'a',
        actor: village,
        confirmed: true,
        findings: 'f',
        visitedAt: at(0).toISOString(),
      },
      at(1),
    );
    c.act(
      'townshipDecision',
      { requestId: 'b', actor: township, decision: 'forward', explanation: 'e' },
      at(2),
    );
    const plan = {
      requestId: 'c',
      actor: bureau,
      responsiblePerson: 'p',
      responsibleUnit: 'u',
      measures: ['m'],
    };
    expect(() =>
      validateSolutionPlan(context(c, at(3)), {
        ...plan,
        severity: 'general',
        completionDate: at(23).toISOString(),
      }),
    ).not.toThrow();
    expect(() =>
      validateSolutionPlan(context(c, at(3)), {
        ...plan,
        severity: 'general',
        completionDate: at(24).toISOString(),
      }),
    ).toThrow('completionDate is beyond the limit for a general issue');
    expect(() =>
      validateSolutionPlan(context(c, at(3)), {
        ...plan,
        severity: 'major',
        completionDate: at(24).toISOString(),
      }),
    ).not.toThrow();
  });
});

describe('a back-dated report (limits-from-entry)', () => {
  const entry = at(3600); // an hour after the report's own time

  it('runs its first limit from the entry, keeps reportedAt and is not overdue on arrival', () => {
    const c = IssueCase.open(issue(), entry, true);
    expect(c.state.reportedAt).toBe(at(0).toISOString());
    expect(c.state.limitsFrom).toBe(entry.toISOString());
    expect(c.state.currentDueAt).toBe(at(3610).toISOString());
    c.tick(entry);
    expect(c.state.overdueLevel).toBe('none');
    expect(c.state.acts[0]).toMatchObject({
      act: 'opened',
      at: entry.toISOString(),
      payload: { reportedAt: at(0).toISOString(), dueAt: at(3610).toISOString() },
    });
  });

  it('lays later limits end to end from the entry when the county counts from the report', () => {
    const c = IssueCase.open(issue(policy({ countFrom: 'report' })), entry, true);
    expect(c.dueAt('solution_plan', at(5000)).toISOString()).toBe(at(3630).toISOString());
  });

  it('opens as before in a history without the marker: limits from reportedAt', () => {
    const c = IssueCase.open(issue(), entry);
    expect(c.state.currentDueAt).toBe(at(10).toISOString());
    expect(c.state).not.toHaveProperty('limitsFrom');
    expect(c.state.acts[0].payload).not.toHaveProperty('reportedAt');
  });
});
