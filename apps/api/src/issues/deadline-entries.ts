import { renderDeadline, type IssueState, type RenderOptions, type Stage } from '@sanbao/domain';
import type { DeadlineTimelineEntry } from '../views';

type OpenStage = Exclude<Stage, 'closed'>;

/** A time limit set: when, for which stage, and (when the state still tells it) until when. */
interface LimitSet {
  at: string;
  stage: OpenStage;
  dueAt?: string;
}

const time = (iso: string) => Date.parse(iso);

/**
 * The time limits of an opening, read from the workflow's typed state: each stage's limit is
 * set when the issue is handed to it (its records change stage there), and an approved
 * extension sets the resolution's anew. The value of each limit is the one the state keeps for
 * the stage (`deadlines`) when no later limit replaced it; an earlier one is the due time a
 * lapse or an extension request of that stage saw while it was in force.
 */
export function deadlineEntries(
  state: IssueState | undefined,
  options: RenderOptions,
): DeadlineTimelineEntry[] {
  if (!state) return [];
  const limits = [...handovers(state), ...approvedExtensions(state)].sort(
    (a, b) => time(a.at) - time(b.at),
  );
  return limits.map((limit, index) => {
    const dueAt = limit.dueAt ?? dueAtOf(state, limit, limits.slice(index + 1));
    const due = dueAt ? new Date(dueAt).toISOString() : null;
    // Counted over a year the holiday lists lack: the due time may be too early (flagged).
    const uncovered = state.calendarUncovered?.find(
      (u) => u.stage === limit.stage && due !== null && time(u.dueAt) === time(due),
    );
    return {
      at: limit.at,
      kind: 'deadline',
      stage: limit.stage,
      who: null,
      text: renderDeadline(
        { stage: limit.stage, dueAt: due, uncoveredYears: uncovered?.years },
        options,
      ),
      why: null,
      seq: null,
      source: 'temporal',
      details: { dueAt: due, ...(uncovered ? { calendarUncovered: uncovered.years } : {}) },
    };
  });
}

/** Each record is made in the stage the issue is at: where that changes, it was handed over. */
function handovers(state: IssueState): LimitSet[] {
  const records = [...state.acts].sort((a, b) => a.seq - b.seq);
  const limits: LimitSet[] = [];
  let previous: { at: string; stage: Stage } | undefined;
  const enter = (stage: Stage, at: string) => {
    if (stage !== 'closed') limits.push({ at, stage });
  };
  for (const record of records) {
    // The first record opens the issue at its first stage; later, the last record of a stage
    // is the act that handed the issue on.
    if (!previous) enter(record.stage, record.at);
    else if (record.stage !== previous.stage) enter(record.stage, previous.at);
    previous = record;
  }
  // Handed to the stage it is at now, where nothing was recorded yet.
  if (previous && state.stage !== previous.stage) enter(state.stage, previous.at);
  return limits;
}

function approvedExtensions(state: IssueState): LimitSet[] {
  return state.extensions
    .filter((e) => e.status === 'approved' && e.decidedAt)
    .map((e) => ({
      at: e.decidedAt as string,
      stage: 'resolution' as const,
      dueAt: e.newDeadline,
    }));
}

/** The due time of a limit set at a handover, from what the state saw while it was in force. */
function dueAtOf(state: IssueState, limit: LimitSet, later: LimitSet[]): string | undefined {
  const replaced = later.find((l) => l.stage === limit.stage);
  const inForce = (at: string) =>
    time(at) >= time(limit.at) && (!replaced || time(at) < time(replaced.at));
  const seen: Array<{ at: string; dueAt: string }> = [
    ...state.lapses
      .filter((l) => l.stage === limit.stage)
      .map((l) => ({ at: l.detectedAt, dueAt: l.dueAt })),
    ...state.acts.flatMap((r) =>
      r.act === 'extensionRequest' &&
      r.stage === limit.stage &&
      typeof r.payload.currentDueAt === 'string'
        ? [{ at: r.at, dueAt: r.payload.currentDueAt }]
        : [],
    ),
  ].filter((s) => inForce(s.at));
  if (seen.length > 0) return seen.sort((a, b) => time(a.at) - time(b.at))[0].dueAt;
  return replaced ? undefined : state.deadlines[limit.stage];
}
