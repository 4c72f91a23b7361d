import type { Escalation, IssueStartInput, Stage } from '@sanbao/domain';

type Level = Escalation['notify'][number];
type OpenStage = Exclude<Stage, 'closed'>;
type Link = { role: 'village' | 'township' | 'bureau' | 'leader'; up: Level[] };

/** Who answers for each stage, and who is told next when it runs late (the county's chain). */
const CHAIN: Record<OpenStage, Link> = {
  verification: { role: 'village', up: ['township'] },
  township_decision: { role: 'township', up: ['bureau'] },
  solution_plan: { role: 'bureau', up: ['leader', 'supervisor'] },
  resolution: { role: 'bureau', up: ['leader', 'supervisor'] },
  write_off: { role: 'township', up: ['bureau'] },
};

/**
 * While an issue is sent back (退回), the level above answers for the stage until it re-routes
 * it: the township for a village, the bureau for a township, county leaders for a bureau.
 */
const ABOVE: Partial<Record<OpenStage, Link>> = {
  verification: { role: 'township', up: ['bureau'] },
  township_decision: { role: 'bureau', up: ['leader', 'supervisor'] },
  solution_plan: { role: 'leader', up: ['supervisor'] },
};

/** County leaders as a unit name in lapses and notifications. */
export const LEADERS_UNIT = 'county:leaders';

function linkOf(stage: OpenStage, sentBack: boolean): Link {
  return (sentBack ? ABOVE[stage] : undefined) ?? CHAIN[stage];
}

/** The sector's county bureau as a unit name in lapses and notifications, e.g. bureau:water. */
export function bureauUnit(sector: IssueStartInput['sector']): string {
  return `bureau:${sector}`;
}

/**
 * The unit answerable for a stage: the village code, the township code, the sector's bureau
 * (or, for an issue sent back by a bureau, county leaders).
 */
export function responsibleUnit(
  issue: IssueStartInput,
  stage: OpenStage,
  sentBack = false,
): string {
  switch (linkOf(stage, sentBack).role) {
    case 'village':
      return issue.subject.villageCode;
    case 'township':
      return issue.subject.townshipCode;
    case 'bureau':
      return bureauUnit(issue.sector);
    case 'leader':
      return LEADERS_UNIT;
  }
}

/**
 * Who hears of a late stage. `overdue`: the unit and the next level up; `reminder` (yellow):
 * the unit again; `red` (and every reminder once red): the unit, the next level up, county
 * leaders and supervisors.
 */
export function notifyFor(
  stage: OpenStage,
  occasion: 'overdue' | 'reminder' | 'red',
  sentBack = false,
): Level[] {
  const { role, up } = linkOf(stage, sentBack);
  const levels: Level[] =
    occasion === 'reminder'
      ? [role]
      : occasion === 'overdue'
        ? [role, ...up]
        : [role, ...up, 'leader', 'supervisor'];
  return levels.filter((level, i) => levels.indexOf(level) === i);
}
