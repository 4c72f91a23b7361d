import { MAX_TEXT } from '../../limits';
import type { Schema } from '../payload-schema';
import type { LineInput, TimelineLang } from '../timeline/vocabulary';
import type { Role, Stage } from '../types';
import type { ActName, ActOf, ActPayloadOf } from './catalogue';

/**
 * What the act catalogue says of each act (`ActSpec`), and the field helpers its room files
 * (triage.ts, resolution.ts, extension.ts) share. Types and pure data only.
 */

/** A name in both of the county's working languages. */
export interface Names {
  zh: string;
  en: string;
}

/**
 * Whose scope an actor must hold: the village, its township, or its sector's bureau;
 * `role`: the scope of the actor's own role (a village cadre's village, a township officer's
 * township, a bureau officer's sector), for an act more than one role may do.
 */
export type ScopeRule = 'village' | 'township' | 'sector' | 'county' | 'role';

/** The roles that sign acts (machines only report and add evidence). */
export type ActRole = Exclude<Role, 'system'>;

/** An open stage, or `open`: any stage until the issue is closed. */
export type ActStage = Exclude<Stage, 'closed'> | 'open';

/** The unit answerable for an act being done on time. */
export type ResponsibleUnit = 'village' | 'township' | 'bureau' | 'leaders';

/** The part of the issue workflow the act belongs to (workflows/src/issue/rooms). */
export type ActRoom = 'triage' | 'resolution' | 'extension' | 'merge' | 'routing';

/** Who signs an act at a stage: the role (or roles), the scope held, the unit answerable. */
export interface ActSigner {
  role: ActRole | readonly ActRole[];
  scope: ScopeRule;
  unit: ResponsibleUnit;
}

/** The monthly report's figures an act counts towards. */
export type ActFigure =
  | 'verified'
  | 'forwarded'
  | 'persuaded'
  | 'unfounded'
  | 'planned'
  | 'resolved'
  | 'sentBack'
  | 'rerouted';

/**
 * The report figure one record of an act counts towards: always the same one, or the one a
 * choice of its payload names (`by` the field, `of` each value's figure). Data, not a
 * function, so the kept counts (read_month_count) can be read back figure by figure.
 */
export type FigureRule<P> =
  | ActFigure
  | { [F in keyof P]-?: { by: F; of: Partial<Record<P[F] & string, ActFigure>> } }[keyof P];

/** One field of an act as a form shows it: its label and, for choices, the options' labels. */
export interface ActField {
  label: Names;
  /** free text: at most this many characters; lists: at most `maxItems` entries of that size */
  maxLength?: number;
  maxItems?: number;
  options?: Record<string, Names>;
}

export interface ActSpec<K extends ActName = ActName> {
  name: K;
  /** the only stage the act may be done in, or `open` for any stage until closed */
  stage: ActStage;
  /** who does it: a person's role, or the roles that may (machines only report and add evidence) */
  role: ActRole | readonly ActRole[];
  scope: ScopeRule;
  unit: ResponsibleUnit;
  room: ActRoom;
  /** the stage's expected act: doing it hands the issue on (or closes it) */
  endsStage: boolean;
  /** the record's payload as JSON Schema (the API declares it; held to the payload's type) */
  payload: Schema<ActPayloadOf<K>>;
  /** other stages the act may be done in, each by its own signer (send-back, re-route) */
  alsoAt?: { readonly [S in Exclude<Stage, 'closed'>]?: ActSigner };
  /** `opens`: the act sends the issue back; `answers`: only an issue sent back takes it */
  sentBack?: 'opens' | 'answers';
  /** the Temporal Update's name: part of saved histories, never renamed */
  update: string;
  /** the API route below /issues/:id/ */
  route: string;
  names: Names;
  /** what the act is for, one line (the API's operation summary) */
  about: string;
  /** the console form's hint, where the county's rule is worth repeating */
  hint?: Names;
  fields: Partial<Record<keyof Omit<ActOf<K>, 'requestId' | 'actor'>, ActField>>;
  /** the timeline's sentence for a record of the act, in each language (timeline/render.ts) */
  line: { readonly [L in TimelineLang]: (l: LineInput<K>) => string };
  /** the reason the signer gave, from the act's record (the timeline's "why") */
  why?: (payload: ActPayloadOf<K>) => string | undefined;
  /** for an act that approves or rejects (a vote): which, from its record */
  verdict?: (payload: ActPayloadOf<K>) => 'approve' | 'reject';
  /** the report figure one record of the act counts towards, if any */
  figure?: FigureRule<ActPayloadOf<K>>;
}

/** The specs of some acts (one room's), each under its name. */
export type ActSpecs<N extends ActName> = { readonly [K in N]: ActSpec<K> };

/** Most items a list in an act may hold (measures, evidence references, milestones). */
export const MAX_ITEMS = 100;

/** A free-text field, at most MAX_TEXT characters. */
export const textField = (zh: string, en: string): ActField => ({
  label: { zh, en },
  maxLength: MAX_TEXT,
});
/** A list of texts (one per line in a form). */
export const listField = (zh: string, en: string): ActField => ({
  label: { zh, en },
  maxLength: MAX_TEXT,
  maxItems: MAX_ITEMS,
});
/** A field with only a label (a date, a choice the form spells itself). */
export const plainField = (zh: string, en: string): ActField => ({ label: { zh, en } });
