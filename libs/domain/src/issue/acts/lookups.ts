import type { Role, Stage } from '../types';
import {
  ACTS,
  type ActFigure,
  type ActName,
  type ActPayloadOf,
  type ActRole,
  type ActRoom,
  type ActSigner,
  type ActSpec,
  type ActStage,
} from './catalogue';

/**
 * What the rest of the code asks of the act catalogue: the list of acts, the stage of each,
 * the act each stage waits for, and the typed reads (a record's reason, its report figure).
 */

/** Every act, in the order of an issue's life. */
export const ACT_NAMES = Object.keys(ACTS) as ActName[];

export function isActName(value: unknown): value is ActName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTS, value);
}

/** The acts of one room of the workflow (e.g. the extension's request and votes). */
export function actsOfRoom(room: ActRoom): ActName[] {
  return ACT_NAMES.filter((name) => ACTS[name].room === room);
}

/** The stage each act may be done in (`open`: any stage until the issue is closed). */
export const STAGE_OF_ACT = Object.fromEntries(
  ACT_NAMES.map((name) => [name, ACTS[name].stage]),
) as { readonly [K in ActName]: ActStage };

/** Whether the act may be done at the stage an issue is at (its own, `open`, or `alsoAt`). */
export function actPossibleAt(name: ActName, stage: string): boolean {
  return actSigner(name, stage) !== undefined;
}

type Signed = Pick<ActSpec, 'stage' | 'role' | 'scope' | 'unit' | 'alsoAt'>;

/**
 * Who signs an act at a stage: the act's own role(s) and scope, or, for an act done at several
 * stages by each stage's own unit (send-back, re-route), that stage's signer; undefined where
 * the act cannot be done.
 */
export function actSigner(name: ActName, stage: string): ActSigner | undefined {
  const spec: Signed = ACTS[name];
  if (stage === 'closed') return undefined;
  if (spec.stage === 'open' || spec.stage === stage) return spec;
  return spec.alsoAt?.[stage as Exclude<Stage, 'closed'>];
}

/** Every stage an act may be done in (`open`: any stage until the issue is closed). */
export function stagesOfAct(name: ActName): ActStage[] {
  const spec: Signed = ACTS[name];
  return [spec.stage, ...(Object.keys(spec.alsoAt ?? {}) as ActStage[])];
}

const asList = (role: ActSigner['role']): readonly ActRole[] =>
  typeof role === 'string' ? [role] : role;

/** The roles that may do an act (at some stage), or at `stage` when it is given. */
export function actRoles(name: ActName, stage?: string): readonly ActRole[] {
  if (stage !== undefined) return asList(actSigner(name, stage)?.role ?? []);
  const spec: Signed = ACTS[name];
  const all = [spec, ...Object.values(spec.alsoAt ?? {})].flatMap((s) => asList(s.role));
  return all.filter((role, i) => all.indexOf(role) === i);
}

/** Whether a person of this role may do the act (at `stage`, when it is given). */
export function actDoneBy(name: ActName, role: Role, stage?: string): boolean {
  return (actRoles(name, stage) as readonly Role[]).includes(role);
}

/** The act an issue sent back waits for (the level above's re-route). */
export const SENT_BACK_TASK = ACT_NAMES.find((name) => ACTS[name].sentBack === 'answers');

/** The act expected next at each open stage: the one that ends it. */
export const TASK_OF_STAGE = Object.fromEntries(
  ACT_NAMES.filter((name) => ACTS[name].endsStage && ACTS[name].stage !== 'open').map((name) => [
    ACTS[name].stage,
    name,
  ]),
) as { readonly [S in Exclude<Stage, 'closed'>]: ActName };

/** The act expected at a stage given by name (none when the stage is closed or unknown). */
export function taskOfStage(stage: string): ActName | undefined {
  return Object.prototype.hasOwnProperty.call(TASK_OF_STAGE, stage)
    ? TASK_OF_STAGE[stage as keyof typeof TASK_OF_STAGE]
    : undefined;
}

/** The acts that end a stage (the on-time figures count them). */
export const STAGE_ENDING_ACTS: readonly ActName[] = ACT_NAMES.filter((n) => ACTS[n].endsStage);

/** The reason given with a record of an act, if the act carries one. */
export function actWhy<K extends ActName>(name: K, payload: ActPayloadOf<K>): string | undefined {
  const spec: ActSpec<K> = ACTS[name];
  return spec.why?.(payload);
}

/** Whether a record of a vote approves or rejects (none for other acts). */
export function actVerdict<K extends ActName>(
  name: K,
  payload: ActPayloadOf<K>,
): 'approve' | 'reject' | undefined {
  const spec: ActSpec<K> = ACTS[name];
  return spec.verdict?.(payload);
}

/** The report figure a record of an act counts towards (the payload read with its act's type). */
export function actFigure<K extends ActName>(
  name: K,
  payload: ActPayloadOf<K>,
): ActFigure | undefined {
  const spec: ActSpec<K> = ACTS[name];
  const rule = spec.figure;
  if (rule === undefined || typeof rule === 'string') return rule;
  const value: unknown = payload[rule.by];
  return typeof value === 'string' ? rule.of[value as keyof typeof rule.of] : undefined;
}

/** Where a report figure comes from: records of `act`, or those whose `choice` field holds `value`. */
export interface FigureSource {
  figure: ActFigure;
  act: ActName;
  choice?: { field: string; value: string };
}

/** Every act's figures, one source per act (or per choice of the act), from the catalogue. */
export const FIGURE_SOURCES: readonly FigureSource[] = ACT_NAMES.flatMap(figureSources);

function figureSources<K extends ActName>(act: K): FigureSource[] {
  const spec: ActSpec<K> = ACTS[act];
  const rule = spec.figure;
  if (rule === undefined) return [];
  if (typeof rule === 'string') return [{ figure: rule, act }];
  const of: Partial<Record<string, ActFigure>> = rule.of;
  return Object.entries(of).flatMap(([value, figure]) =>
    figure ? [{ figure, act, choice: { field: String(rule.by), value } }] : [],
  );
}
