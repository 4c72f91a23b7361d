import type { IssueSubject, JsonObject, Severity } from '../issue/types';
import { normaliseSubject } from '../identity';
import type { Sector } from '../sector';

/**
 * What the sector rules share. Pure functions and types only: the sector services run the
 * rules, and workflows may import this lib, so nothing here does I/O or reads the clock.
 */

/** The register's household categories. The first three are the watched groups (监测对象). */
export const HOUSEHOLD_CATEGORIES = [
  'unstable', // 脱贫不稳定户
  'marginal', // 边缘易致贫户
  'sudden_hardship', // 突发严重困难户
  'lifted', // 脱贫户 (left poverty, stable)
  'other', // every other rural household
] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];

/** The kinds of risk each sector's rules raise: a signal of any other kind is not accepted. */
export const SIGNAL_KINDS = {
  education: [
    'not_enrolled', // 应入学未入学
    'not_returned', // 开学未返校
    'dropped_out', // 辍学
    'disabled_without_placement', // 残疾儿童未安置 (一人一案)
    'hardship_without_aid', // 家庭经济困难未资助
  ],
  medical: [
    'high_out_of_pocket', // 出院后自付费用过高
    'chronic_uncovered', // 慢病未纳入门诊保障
    'premium_unpaid', // 基本医保未参保缴费
  ],
  housing: [
    'unsafe_house', // C/D 级危房仍有人居住
    'uninhabitable_house', // 因灾倒塌或不能居住: 过渡安置
    'disaster_damage', // 因灾受损, 待安全鉴定
  ],
  water: [
    'outage', // 停水断水
    'insufficient', // 水量不足
    'frozen', // 水管冻堵
    'damaged', // 工程损毁
    'quality_failure', // 水质不达标
  ],
} as const satisfies Record<Sector, readonly string[]>;

export type SignalKind<S extends Sector = Sector> = (typeof SIGNAL_KINDS)[S][number];

export function isSignalKind(sector: Sector, kind: unknown): boolean {
  return typeof kind === 'string' && (SIGNAL_KINDS[sector] as readonly string[]).includes(kind);
}

/** What a rule found in one record: the core of a risk signal before the wire envelope. */
export interface RiskFinding {
  sector: Sector;
  kind: string;
  severityHint: Severity;
  subject: IssueSubject;
  summary: string;
  flags?: { emergency?: boolean; transitionalHousing?: boolean };
  /** the facts the rule used (amounts, grades, ages), kept as the issue's evidence */
  facts: JsonObject;
}

/** A household as the bureau records name it: codes only, never names, ID or phone numbers. */
export interface HouseholdRef {
  householdId: string;
  villageCode: string;
  townshipCode: string;
}

/** The subject of a household's finding, its identifiers in their one form (normaliseId). */
export function householdSubject(record: HouseholdRef, personRef?: string): IssueSubject {
  return normaliseSubject({
    kind: 'household',
    id: record.householdId,
    ...(personRef ? { personRef } : {}),
    villageCode: record.villageCode,
    townshipCode: record.townshipCode,
  });
}

/** Money is compared in fen (1/100 yuan) so that 0.1 + 0.2 never decides a threshold. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}
