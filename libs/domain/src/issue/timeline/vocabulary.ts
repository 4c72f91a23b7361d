import type { Sector } from '../../sector';
import type { RecordKind, RecordPayloadOf, SystemRecordKind } from '../records';
import type {
  Closure,
  ExtensionState,
  IssueChannel,
  OverdueLevel,
  Role,
  Severity,
  Stage,
} from '../types';

/**
 * The shape of a timeline message catalogue (one per language: en.ts, zh-CN.ts): the words
 * for the codes a record holds, and one sentence per kind of entry the workflow writes by
 * itself. An act's sentences are in its act catalogue entry (`line`, one per language), so
 * the compiler asks for them where the act is defined.
 */

export type TimelineLang = 'zh-CN' | 'en';

/** The codes of an issue as a person reads them. */
export interface Vocabulary {
  stage: Record<Stage, string>;
  closure: Record<Closure, string>;
  channel: Record<IssueChannel, string>;
  level: Record<OverdueLevel, string>;
  severity: Record<Severity, string>;
  extension: Record<ExtensionState['status'], string>;
  sector: Record<Sector, string>;
  role: Record<Role, string>;
  /** a sector's county bureau as a unit, e.g. "county Education bureau" */
  bureau(sector: string): string;
  /** a person who signed an entry, with their role */
  who(name: string, role: string): string;
  /** joins the items of a list (measures, levels told) */
  list(items: string[]): string;
}

/** What a sentence is made from: the entry's payload and its words already in the language. */
export interface LineInput<K extends RecordKind> {
  payload: RecordPayloadOf<K>;
  /** the signer with their role, e.g. "Li Ming (village cadre)" */
  who: string;
  /** the stage the entry was made in */
  stage: string;
  /** an instant in the county's time zone, e.g. 2026-03-02 10:30 */
  time(iso: string | undefined): string;
  /** a responsible unit's name (village, township or bureau) */
  unit(code: string): string;
  /** who was told, as a list of roles */
  told(levels: readonly string[]): string;
  words: Vocabulary;
}

/**
 * The lines the API adds beside the record: a time limit the workflow set, a lapse in the
 * accountability register. Their words (stage, unit) and times come already in the language.
 */
export interface NoteLines {
  deadline(note: { stage: string; due: string | null; uncoveredYears: string | null }): string;
  lapse(note: {
    unit: string;
    stage: string;
    due: string;
    daysLate: number;
    done: boolean;
  }): string;
}

export interface TimelineCatalogue {
  words: Vocabulary;
  lines: { readonly [K in SystemRecordKind]: (line: LineInput<K>) => string };
  notes: NoteLines;
}
