import { ACTS, actVerdict, actWhy } from '../acts';
import { isActEntry, type KindAndPayload, type RecordKind, type RecordPayloadOf } from '../records';
import type { Role, Stage } from '../types';
import { TIMELINE_EN } from './en';
import type { LineInput, TimelineCatalogue, TimelineLang } from './vocabulary';
import { TIMELINE_ZH_CN } from './zh-CN';

export * from './vocabulary';
export { TIMELINE_EN } from './en';
export { TIMELINE_ZH_CN } from './zh-CN';

/**
 * The plain-language timeline, made once from typed record entries: the API answers it in
 * English, the console shows it in the reader's language. Pure: no Node or browser APIs
 * beyond Intl, so the workflow-free libs and the console's bundle can both import it.
 */

export const TIMELINE_CATALOGUES: Record<TimelineLang, TimelineCatalogue> = {
  'zh-CN': TIMELINE_ZH_CN,
  en: TIMELINE_EN,
};

/** An entry of the record as a reader gets it: its kind and payload, who signed, in which stage. */
export type RenderableRecord = KindAndPayload & {
  /** who signed (a Role; any other text is shown as it is) */
  actor: { name: string; role: string } | null;
  /** the stage the entry was made in (a Stage; any other text is shown as it is) */
  stage: string | null;
};

/**
 * A record entry as the API's timeline carries it (`source: 'audit'`): the payload of its kind
 * under `details` (beside it, the request id and any notice), who signed, in which stage.
 */
export type RecordEntry = {
  [K in RecordKind]: {
    kind: K;
    details: RecordPayloadOf<K>;
    who: { name: string; role: string } | null;
    stage: string | null;
  };
}[RecordKind];

/** A timeline's record entry as a sentence (renderRecord, for the entry's shape). */
export function renderEntry(entry: RecordEntry, options: RenderOptions): RenderedRecord {
  // `kind` and `details` travel together (RecordEntry is a union on kind): the same pair.
  const record = { kind: entry.kind, payload: entry.details } as KindAndPayload;
  return renderRecord({ ...record, actor: entry.who, stage: entry.stage }, options);
}

/** An entry as the reader gets it: a sentence, the reason given, a vote's verdict. */
export interface RenderedRecord {
  text: string;
  why: string | null;
  verdict?: 'approve' | 'reject';
}

export interface RenderOptions {
  lang: TimelineLang;
  /** the county's time zone (the deadline policy's) */
  timeZone: string;
  /** a village or township code as its name; codes as they are when not given */
  divisionName?: (code: string) => string;
}

/**
 * One formatter per zone: making an Intl.DateTimeFormat costs far more than using one, and
 * using one costs far more than adding an offset (an export of 8,000 ledger rows formats
 * 25,000 instants).
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const MINUTE = 60_000;
const DAY = 86_400_000;
/** per zone, the offset (ms) of each UTC day it holds the same offset all day */
const DAY_OFFSETS = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = FORMATTERS.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    FORMATTERS.set(timeZone, found);
  }
  return found;
}

/** The zone's wall clock minus UTC at an instant, to the minute, as Intl reads the zone. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return wall - Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * The offset at an instant: the day's, asked of Intl once per UTC day (at its first and last
 * millisecond; a day where the two differ holds a change of offset and is asked each time).
 */
function zoneOffset(ms: number, timeZone: string): number {
  let days = DAY_OFFSETS.get(timeZone);
  if (!days) DAY_OFFSETS.set(timeZone, (days = new Map<number, number>()));
  const day = Math.floor(ms / DAY);
  const kept = days.get(day);
  if (kept !== undefined) return kept;
  const first = offsetAt(day * DAY, timeZone);
  if (first !== offsetAt(day * DAY + DAY - 1, timeZone)) return offsetAt(ms, timeZone);
  if (days.size >= 100_000) days.clear();
  days.set(day, first);
  return first;
}

/** An instant as the county reads it, e.g. 2026-03-02 10:30, in its own time zone. */
export function countyTime(iso: string | undefined, timeZone: string): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  const local = new Date(ms + zoneOffset(ms, timeZone));
  const year = local.getUTCFullYear();
  // Years outside 1000-9999 (never a county's) are left to Intl as they are.
  if (year < 1000 || year > 9999) return intlTime(ms, timeZone);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

function intlTime(ms: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** One entry as a sentence, and the reason the signer gave with it (null when none). */
export function renderRecord(record: RenderableRecord, options: RenderOptions): RenderedRecord {
  const catalogue = TIMELINE_CATALOGUES[options.lang];
  const words = catalogue.words;
  const role = record.actor ? (words.role[record.actor.role as Role] ?? record.actor.role) : '';
  const stage = record.stage ? (words.stage[record.stage as Stage] ?? record.stage) : '';
  const unit = unitOf(options);
  const input: Omit<LineInput<RecordKind>, 'payload'> = {
    who: record.actor ? words.who(record.actor.name, role) : '',
    stage,
    time: (iso) => countyTime(iso, options.timeZone),
    unit,
    told: (levels) => words.list(levels.map((l) => words.role[l as keyof typeof words.role] ?? l)),
    words,
  };
  const verdict = verdictOf(record);
  return {
    text: line(options.lang, record, input),
    why: whyOf(record),
    ...(verdict ? { verdict } : {}),
  };
}

/** A responsible unit as the reader reads it: a bureau by its sector, a division by its name. */
function unitOf(options: RenderOptions): (code: string) => string {
  const words = TIMELINE_CATALOGUES[options.lang].words;
  return (code) => {
    if (code.startsWith('bureau:')) {
      const sector = code.slice('bureau:'.length);
      return words.bureau(words.sector[sector as keyof typeof words.sector] ?? sector);
    }
    return options.divisionName ? options.divisionName(code) : code;
  };
}

const stageWord = (options: RenderOptions, stage: string): string =>
  TIMELINE_CATALOGUES[options.lang].words.stage[stage as Stage] ?? stage;

/** A time limit the workflow set, flagged when counted over years the holiday lists lack. */
export function renderDeadline(
  note: { stage: string; dueAt: string | null; uncoveredYears?: readonly number[] },
  options: RenderOptions,
): string {
  return TIMELINE_CATALOGUES[options.lang].notes.deadline({
    stage: stageWord(options, note.stage),
    due: note.dueAt ? countyTime(note.dueAt, options.timeZone) : null,
    uncoveredYears: note.uncoveredYears?.length
      ? TIMELINE_CATALOGUES[options.lang].words.list(note.uncoveredYears.map(String))
      : null,
  });
}

/** A lapse as the accountability register holds it. */
export function renderLapse(
  note: { unit: string; stage: string; dueAt: string; daysLate: number; done: boolean },
  options: RenderOptions,
): string {
  return TIMELINE_CATALOGUES[options.lang].notes.lapse({
    unit: unitOf(options)(note.unit),
    stage: stageWord(options, note.stage),
    due: countyTime(note.dueAt, options.timeZone),
    daysLate: note.daysLate,
    done: note.done,
  });
}

/**
 * The sentence for the entry's kind, given the payload of that kind: an act's from its act
 * catalogue entry, anything else's from the language's message catalogue.
 */
function line(
  lang: TimelineLang,
  record: KindAndPayload,
  input: Omit<LineInput<RecordKind>, 'payload'>,
): string {
  // `kind` and `payload` travel together (KindAndPayload): the kind's sentence reads its payload.
  const sentence = (
    isActEntry(record) ? ACTS[record.kind].line[lang] : TIMELINE_CATALOGUES[lang].lines[record.kind]
  ) as (l: LineInput<RecordKind>) => string;
  return sentence({ ...input, payload: record.payload });
}

/** The reason given with an entry: the act's own (see the catalogue), or a reopening's. */
export function whyOf(record: KindAndPayload): string | null {
  if (record.kind === 'reopened' || record.kind === 'merged_in') {
    return record.payload.reason || null;
  }
  if (!isActEntry(record)) return null;
  return actWhy(record.kind, record.payload) ?? null;
}

/** A vote's verdict (approve or reject), for the act that has one. */
export function verdictOf(record: KindAndPayload): 'approve' | 'reject' | undefined {
  if (!isActEntry(record)) return undefined;
  return actVerdict(record.kind, record.payload);
}
