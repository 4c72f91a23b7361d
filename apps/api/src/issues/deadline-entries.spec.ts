import type { ActRecord, IssueState, RecordKind, Stage } from '@sanbao/domain';
import { deadlineEntries } from './deadline-entries';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 10, 8, minute)).toISOString();
const due = (day: number) => new Date(Date.UTC(2026, 0, day, 16)).toISOString();
const EN = { lang: 'en' as const, timeZone: 'Asia/Shanghai' };
const SYSTEM = { id: 'system', name: 'system', role: 'system' as const };

function record(
  seq: number,
  act: RecordKind,
  stage: Stage,
  minute: number,
  payload: Record<string, unknown> = {},
): ActRecord {
  const requestId = `${act}:${seq}`;
  // A sketch of an entry: only extension requests' payloads are read here.
  return {
    seq,
    requestId,
    act,
    actor: SYSTEM,
    at: at(minute),
    stage,
    summary: act,
    payload,
  } as ActRecord;
}

/** A reopened issue whose resolution was extended once: every way a limit is set. */
function reopenedState(): IssueState {
  return {
    stage: 'resolution',
    deadlines: {
      verification: due(11),
      township_decision: due(14),
      solution_plan: due(19),
      resolution: due(40),
      write_off: due(30),
    },
    lapses: [
      {
        stage: 'verification',
        unit: '522633101201',
        dueAt: due(11),
        detectedAt: at(1),
        level: 'yellow',
      },
    ],
    extensions: [
      {
        requestId: 'ext-1',
        requestedBy: SYSTEM,
        requestedAt: at(5),
        newDeadline: due(60),
        reason: 'rain',
        milestones: [],
        votes: [],
        status: 'approved',
        decidedAt: at(6),
        votingDeadline: due(20),
      },
    ],
    acts: [
      record(1, 'opened', 'verification', 0, { dueAt: due(11) }),
      record(2, 'overdue', 'verification', 1),
      record(3, 'verification', 'verification', 2),
      record(4, 'townshipDecision', 'township_decision', 3),
      record(5, 'solutionPlan', 'solution_plan', 4),
      record(6, 'extensionRequest', 'resolution', 5, { currentDueAt: due(26) }),
      record(7, 'leaderVote', 'resolution', 6),
      record(8, 'extension_decided', 'resolution', 6),
      record(9, 'completion', 'resolution', 7),
      record(10, 'writeOffCheck', 'write_off', 8),
      record(11, 'reopened', 'write_off', 8),
    ],
  } as Partial<IssueState> as IssueState;
}

describe('time limits in a history, from the typed state', () => {
  it('sets each stage its limit when the issue is handed to it, and again when extended or reopened', () => {
    const entries = deadlineEntries(reopenedState(), EN);
    expect(entries.map((e) => [e.at, e.stage, e.details.dueAt])).toEqual([
      [at(0), 'verification', due(11)],
      [at(2), 'township_decision', due(14)],
      [at(3), 'solution_plan', due(19)],
      // The plan's own limit, as the extension request saw it; then the approved one.
      [at(4), 'resolution', due(26)],
      [at(6), 'resolution', due(60)],
      [at(7), 'write_off', due(30)],
      // Reopened: a fresh limit, the one the state keeps now.
      [at(8), 'resolution', due(40)],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'deadline',
      who: null,
      seq: null,
      source: 'temporal',
      // Times in county time (Beijing): 16:00 UTC is midnight there.
      text: 'Time limit set for Verification: due 2026-01-12 00:00',
    });
  });

  it('names no stage after closing, and nothing without a state', () => {
    const state = reopenedState();
    state.stage = 'closed';
    state.acts = [
      record(1, 'opened', 'verification', 0),
      record(2, 'verification', 'verification', 2),
      record(3, 'townshipDecision', 'township_decision', 3),
      record(4, 'closed', 'closed', 3),
    ];
    state.extensions = [];
    expect(deadlineEntries(state, EN).map((e) => e.stage)).toEqual([
      'verification',
      'township_decision',
    ]);
    expect(deadlineEntries(undefined, EN)).toEqual([]);
  });

  it('hands over to the current stage even before anything is recorded in it', () => {
    const state = reopenedState();
    state.stage = 'township_decision';
    state.acts = state.acts.slice(0, 3);
    state.extensions = [];
    const entries = deadlineEntries(state, EN);
    expect(entries.map((e) => [e.at, e.stage, e.details.dueAt])).toEqual([
      [at(0), 'verification', due(11)],
      [at(2), 'township_decision', due(14)],
    ]);
  });

  it('says in Chinese by default, and flags a limit counted over a year the holiday lists lack', () => {
    const state = reopenedState();
    state.calendarUncovered = [{ stage: 'verification', dueAt: due(11), years: [2027] }];
    const [first, second] = deadlineEntries(state, { lang: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(first.text).toBe(
      '设定“入户核查”时限：2026-01-12 00:00前办结（节假日安排未覆盖2027年，时限可能偏早）',
    );
    expect(first.details).toEqual({ dueAt: due(11), calendarUncovered: [2027] });
    expect(second.text).toBe('设定“乡镇研判”时限：2026-01-15 00:00前办结');
    expect(second.details).toEqual({ dueAt: due(14) });
  });
});
