import { normaliseSubject } from '../identity';
import type { RiskFinding } from './common';

/**
 * Water (饮水安全, 县水利局): status reports of supply works. One signal per affected village;
 * a whole village without water (整村停水断水) is major and starts the emergency plan.
 */

export const WATER_PROBLEMS = [
  'outage',
  'insufficient',
  'frozen',
  'damaged',
  'quality_failure',
] as const;
export type WaterProblem = (typeof WATER_PROBLEMS)[number];

export const WATER_CAUSES = [
  'drought',
  'flood',
  'freeze',
  'landslide',
  'equipment',
  'other',
] as const;

export interface WaterRules {
  /** problems that leave people with no water at all */
  supplyCutKinds: WaterProblem[];
  /** share of a village's served people that, all cut off, counts as the whole village */
  wholeVillageShare: number;
}

export const DEFAULT_WATER_RULES: WaterRules = {
  supplyCutKinds: ['outage', 'frozen', 'damaged'],
  wholeVillageShare: 1,
};

export interface AffectedVillage {
  villageCode: string;
  townshipCode: string;
  /** people of the village this works serves */
  peopleServed: number;
  /** of them, people without (enough, or safe) water */
  peopleAffected: number;
}

export interface WorksStatusReport {
  reportId: string;
  /** the supply works (供水工程) code */
  worksId: string;
  problem: WaterProblem;
  cause?: string;
  startedAt: string; // ISO 8601
  villages: AffectedVillage[];
}

export function isWholeVillage(v: AffectedVillage, rules: WaterRules): boolean {
  // People are whole: the bar is rounded up (1.0 = everyone), after trimming float noise
  // (100 * 0.9 is 90.00000000000001 in binary floating point).
  const bar = Math.ceil(Math.round(v.peopleServed * rules.wholeVillageShare * 1e6) / 1e6);
  return v.peopleServed > 0 && v.peopleAffected >= bar;
}

export function worksStatusFindings(r: WorksStatusReport, rules: WaterRules): RiskFinding[] {
  const findings: RiskFinding[] = [];
  for (const v of r.villages) {
    if (v.peopleAffected <= 0) continue;
    const emergency = rules.supplyCutKinds.includes(r.problem) && isWholeVillage(v, rules);
    findings.push({
      sector: 'water',
      kind: r.problem,
      severityHint: emergency ? 'major' : 'general',
      subject: normaliseSubject({
        kind: 'village',
        id: v.villageCode,
        villageCode: v.villageCode,
        townshipCode: v.townshipCode,
      }),
      summary: emergency
        ? `整村停水断水(${PROBLEM_NAMES[r.problem]}), 启动应急供水`
        : `${PROBLEM_NAMES[r.problem]}, 影响${v.peopleAffected}/${v.peopleServed}人`,
      ...(emergency ? { flags: { emergency: true } } : {}),
      facts: {
        reportId: r.reportId,
        worksId: r.worksId,
        problem: r.problem,
        ...(r.cause ? { cause: r.cause } : {}),
        startedAt: r.startedAt,
        peopleServed: v.peopleServed,
        peopleAffected: v.peopleAffected,
        wholeVillage: isWholeVillage(v, rules),
      },
    });
  }
  return findings;
}

const PROBLEM_NAMES: Record<WaterProblem, string> = {
  outage: '供水中断',
  insufficient: '水量不足',
  frozen: '水管冻堵',
  damaged: '供水工程损毁',
  quality_failure: '水质不达标',
};
