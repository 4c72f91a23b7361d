import type { upsertSearchAttributes } from '@temporalio/workflow';
import type { IssueState, SearchAttributeName } from '@sanbao/domain';

/** One typed search attribute update, as upsertSearchAttributes takes it. */
type UpdatePair = Extract<Parameters<typeof upsertSearchAttributes>[0], unknown[]>[number];

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
