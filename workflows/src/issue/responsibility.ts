import type { Escalation, IssueStartInput, Stage } from '@sanbao/domain';

type Level = Escalation['notify'][number];
type OpenStage = Exclude<Stage, 'closed'>;

/** Who answers for each stage, and who is told next when it runs late (the county's chain). */
const CHAIN: Record<OpenStage, { role: 'village' | 'township' | 'bureau'; up: Level[] }> = {
  verification: { role: 'village', up: ['township'] },
  township_decision: { role: 'township', up: ['bureau'] },
  solution_plan: { role: 'bureau', up: ['leader', 'supervisor'] },
  resolution: { role: 'bureau', up: ['leader', 'supervisor'] },
  write_off: { role: 'township', up: ['bureau'] },
};

/** The sector's county bureau as a unit name in lapses and notifications, e.g. bureau:water. */
export function bureauUnit(sector: IssueStartInput['sector']): string {
  return `bureau:${sector}`;
}

/** The unit answerable for a stage: the village code, the township code or the sector's bureau. */
export function responsibleUnit(issue: IssueStartInput, stage: OpenStage): string {
  switch (CHAIN[stage].role) {
    case 'village':
      return issue.subject.villageCode;
    case 'township':
      return issue.subject.townshipCode;
    case 'bureau':
      return bureauUnit(issue.sector);
  }
}

/**
 * Who hears of a late stage. `overdue`: the unit and the next level up; `reminder` (yellow):
 * the unit again; `red` (and every reminder once red): the unit, the next level up, county
 * leaders and supervisors.
 */
export function notifyFor(stage: OpenStage, occasion: 'overdue' | 'reminder' | 'red'): Level[] {
  const { role, up } = CHAIN[stage];
  const levels: Level[] =
    occasion === 'reminder'
      ? [role]
      : occasion === 'overdue'
        ? [role, ...up]
        : [role, ...up, 'leader', 'supervisor'];
  return levels.filter((level, i) => levels.indexOf(level) === i);
}
