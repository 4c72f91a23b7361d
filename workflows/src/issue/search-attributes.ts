import type { upsertSearchAttributes } from '@temporalio/workflow';
import type { IssueState, SearchAttributeName } from '@sanbao/domain';

/** One typed search attribute update, as upsertSearchAttributes takes it. */
export type UpdatePair = Extract<Parameters<typeof upsertSearchAttributes>[0], unknown[]>[number];

/** The values an issue shows in the visibility store: codes, a stage and a time; no person. */
export interface IssueSearchValues {
  IssueStage: string;
  IssueSector: string;
  IssueTownship: string;
  IssueOverdueLevel: string;
  /** the current stage's time limit; none once closed */
  IssueNextDueAt: string | null;
}

// The keys match libs/domain/src/search-attributes.json, which the stack registers.
const KEYWORDS: ReadonlyArray<Exclude<keyof IssueSearchValues, 'IssueNextDueAt'>> = [
  'IssueStage',
  'IssueSector',
  'IssueTownship',
  'IssueOverdueLevel',
] satisfies SearchAttributeName[];

export function issueSearchAttributes(state: IssueState): IssueSearchValues {
  return {
    IssueStage: state.stage,
    IssueSector: state.sector,
    IssueTownship: state.subject.townshipCode,
    IssueOverdueLevel: state.overdueLevel,
    IssueNextDueAt: state.stage === 'closed' ? null : (state.currentDueAt ?? null),
  };
}

/** What changed since the last upsert (everything the first time in a run). */
export function searchAttributeChanges(
  before: IssueSearchValues | undefined,
  after: IssueSearchValues,
): UpdatePair[] {
  const pairs: UpdatePair[] = [];
  for (const name of KEYWORDS) {
    if (before?.[name] !== after[name]) {
      pairs.push({ key: { name, type: 'KEYWORD' }, value: after[name] });
    }
  }
  if (!before || before.IssueNextDueAt !== after.IssueNextDueAt) {
    pairs.push({
      key: { name: 'IssueNextDueAt' satisfies SearchAttributeName, type: 'DATETIME' },
      value: after.IssueNextDueAt === null ? null : new Date(after.IssueNextDueAt),
    });
  }
  return pairs;
}

/**
 * Keeps the visibility record in step with the issue. Runs with `patched(ONE_UPSERT_PER_TASK)`
 * only note a change (`changed`) and upsert the merged difference once, when the workflow is
 * about to yield (`settle`): at most one upsert command per workflow task, each a visibility
 * write for the server. Runs without the marker upsert at every change, as their histories hold.
 */
export class SearchAttributeSync {
  private shown: IssueSearchValues | undefined;
  private stale = false;

  constructor(
    private readonly current: () => IssueSearchValues,
    private readonly upsert: (pairs: UpdatePair[]) => void,
    private readonly oncePerTask: boolean,
  ) {}

  /** The issue's state changed: upsert now (old runs) or before the workflow next yields. */
  changed(): void {
    if (this.oncePerTask) this.stale = true;
    else this.upsertDifference();
  }

  /** Before every await that may end the workflow task (and before completing or continuing). */
  settle(): void {
    if (!this.stale) return;
    this.stale = false;
    this.upsertDifference();
  }

  private upsertDifference(): void {
    const next = this.current();
    const pairs = searchAttributeChanges(this.shown, next);
    if (pairs.length > 0) this.upsert(pairs);
    this.shown = next;
  }
}
