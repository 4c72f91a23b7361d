import type { Role } from '../types';
import { EXTENSION_ACT_SPECS, type ExtensionActTypes } from './extension';
import { MERGING_ACT_SPECS, type MergingActTypes } from './merging';
import { RESOLUTION_ACT_SPECS, type ResolutionActTypes } from './resolution';
import { ROUTING_ACT_SPECS, type RoutingActTypes } from './routing';
import type { ActSpec, Names } from './spec';
import { TRIAGE_ACT_SPECS, type TriageActTypes } from './triage';

export * from './spec';

/**
 * The act catalogue: every act a person does on an issue, defined once, in the file of the
 * room it belongs to (triage.ts, resolution.ts, extension.ts, merging.ts, routing.ts; what an entry says: spec.ts).
 * The workflow's Update definitions and validators, the API's routes and task lists, the
 * console's forms and labels, the timeline's sentences and the report figures all read this
 * table; adding an act starts there (docs/workflow.md, "How to add an act"). Pure data and
 * types: the workflow sandbox and the console import it.
 */

/** What the signed record keeps of each act (the record's payload), and the act itself. */
export interface ActTypes
  extends TriageActTypes, ResolutionActTypes, ExtensionActTypes, MergingActTypes, RoutingActTypes {}

export type ActName = keyof ActTypes;
export type ActOf<K extends ActName> = ActTypes[K]['act'];
export type ActPayloadOf<K extends ActName> = ActTypes[K]['payload'];
/** An act as the API hands it to the workflow: all but the signer (the API adds the principal). */
export type UnsignedAct<K extends ActName> = Omit<ActOf<K>, 'actor'>;
/**
 * What a person sends for an act: without the request id (the console's own), the signer, and
 * what the API looks up for it (a merge's survivor).
 */
export type ActBody<K extends ActName> = Omit<ActOf<K>, 'requestId' | 'actor' | 'survivor'>;

/** Every act's spec, rooms in the order of an issue's life (the order of `ACT_NAMES`). */
export const ACTS: { readonly [K in ActName]: ActSpec<K> } = {
  ...TRIAGE_ACT_SPECS,
  ...RESOLUTION_ACT_SPECS,
  ...EXTENSION_ACT_SPECS,
  ...MERGING_ACT_SPECS,
  ...ROUTING_ACT_SPECS,
};

/** Roles as a person reads them, with the article an English sentence needs. */
export const ROLE_NAMES: { readonly [R in Role]: Names & { enArticle: string } } = {
  village: { zh: '村干部', en: 'village cadre', enArticle: 'a village cadre' },
  township: { zh: '乡镇干部', en: 'township officer', enArticle: 'a township officer' },
  bureau: { zh: '县行业部门', en: 'county bureau officer', enArticle: 'a county bureau officer' },
  leader: { zh: '县级领导', en: 'county leader', enArticle: 'a county leader' },
  supervisor: { zh: '督查', en: 'supervisor', enArticle: 'a supervisor' },
  admin: { zh: '管理员', en: 'administrator', enArticle: 'an administrator' },
  system: { zh: '系统', en: 'system', enArticle: 'a system account' },
};
