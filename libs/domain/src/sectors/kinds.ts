import type { Sector } from '../sector';
import { SIGNAL_KINDS, type SignalKind } from './common';

/**
 * The kind catalogue: the kinds of problem each sector knows, one list shared by the bureaus'
 * data (the sector rules raise only these), hand reports (`POST /issues` refuses any other
 * kind with the list) and the console's report form. Each kind belongs to a **family**: kinds
 * that describe the same situation of the same subject. One issue is open per sector,
 * subject, person and family (`issueKey()`), so a new report of the family joins the open
 * issue as evidence, whichever channel it came through. docs/workflow.md "Problem families".
 * Pure data: the workflow sandbox and the console import it.
 */

/** Families of more than one kind are named apart from their kinds; a lone kind is its family. */
export const KIND_FAMILIES = {
  education: {
    // 应入学未入学 / 开学未返校 / 辍学: the child is not at school, whatever the register calls it
    not_enrolled: 'out_of_school',
    not_returned: 'out_of_school',
    dropped_out: 'out_of_school',
    disabled_without_placement: 'disabled_without_placement',
    hardship_without_aid: 'hardship_without_aid',
  },
  medical: {
    // Three different remedies (a relief payment, an outpatient scheme, enrolment): apart.
    high_out_of_pocket: 'high_out_of_pocket',
    chronic_uncovered: 'chronic_uncovered',
    premium_unpaid: 'premium_unpaid',
  },
  housing: {
    // C/D 级危房, 因灾受损, 倒塌不能居住: the household's dwelling is not safe
    unsafe_house: 'unsafe_dwelling',
    disaster_damage: 'unsafe_dwelling',
    uninhabitable_house: 'unsafe_dwelling',
  },
  water: {
    // 停水, 水量不足, 冻堵, 损毁: the village's supply does not reach it; quality is apart
    outage: 'supply',
    insufficient: 'supply',
    frozen: 'supply',
    damaged: 'supply',
    quality_failure: 'quality_failure',
  },
} as const satisfies { [S in Sector]: Record<SignalKind<S>, string> };

/**
 * Other names the county's documents use for a kind (docs/api.md's own example says
 * `not_back_after_term_start`): a hand report may use them; the issue takes the kind.
 */
export const KIND_ALIASES: { readonly [S in Sector]: Readonly<Record<string, SignalKind<S>>> } = {
  education: { not_back_after_term_start: 'not_returned' },
  medical: {},
  housing: {},
  water: {},
};

/** The kinds of a sector, in the catalogue's order (what a form offers). */
export function kindsOf(sector: Sector): readonly string[] {
  return SIGNAL_KINDS[sector];
}

/** The catalogue's kind for a name or an alias of it; undefined for a kind the sector lacks. */
export function canonicalKind(sector: Sector, kind: string): string | undefined {
  if ((SIGNAL_KINDS[sector] as readonly string[]).includes(kind)) return kind;
  const aliases = KIND_ALIASES[sector] as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(aliases, kind) ? aliases[kind] : undefined;
}

/** The family of a kind (an alias reads as its kind); a kind the catalogue lacks is its own. */
export function kindFamily(sector: Sector, kind: string): string {
  const canonical = canonicalKind(sector, kind) ?? kind;
  const families = KIND_FAMILIES[sector] as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(families, canonical) ? families[canonical] : kind;
}

/** The kinds of a family, in the catalogue's order. */
export function kindsOfFamily(sector: Sector, family: string): string[] {
  const families = KIND_FAMILIES[sector] as Record<string, string>;
  return kindsOf(sector).filter((k) => families[k] === family);
}

/**
 * The names a kind's family was keyed under before families existed (one issue per kind): each
 * kind of the family and the county's other names of them. Empty for a kind alone in its
 * family, whose key never changed.
 */
export function perKindNames(sector: Sector, kind: string): string[] {
  const kinds = kindsOfFamily(sector, kindFamily(sector, kind));
  if (kinds.length < 2) return [];
  const aliases = Object.entries(KIND_ALIASES[sector] as Record<string, string>)
    .filter(([, of]) => kinds.includes(of))
    .map(([alias]) => alias);
  return [...kinds, ...aliases];
}
