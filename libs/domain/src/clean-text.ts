/**
 * The one clean-text rule of every edge (HTTP, CSV, NATS, intake, workflow validators): what a
 * text, a date or an already-parsed JSON value may hold before anything stores or transforms
 * it. Pure and dependency-free, so workflow code can import it. Messages name the rule, never
 * the text: a text may be personal data.
 */

export interface CleanTextOptions {
  /** true where a text may hold several lines: then line feed, CR LF and tab are allowed */
  multiline?: boolean;
}

export type TextProblem =
  'not_text' | 'nul' | 'line_break' | 'control' | 'lone_surrogate' | 'noncharacter';

const TEXT_MESSAGES: Record<TextProblem, string> = {
  not_text: 'must be text',
  nul: 'must not contain NUL characters',
  line_break: 'must be a single line (no line breaks or tabs)',
  control: 'must not contain control characters',
  lone_surrogate: 'must be valid Unicode text (no lone surrogates)',
  noncharacter: 'must not contain the noncharacters U+FFFE or U+FFFF',
};

/** The first thing that makes `text` unclean, or undefined when it is clean. Never throws. */
export function textProblem(
  text: unknown,
  options: CleanTextOptions = {},
): TextProblem | undefined {
  if (typeof text !== 'string') return 'not_text';
  const multiline = options.multiline === true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue; // printable ASCII, the common case
    if (c === 0) return 'nul';
    if (c === 0x0a || c === 0x09) {
      if (!multiline) return 'line_break';
      continue;
    }
    if (c === 0x0d) {
      // A carriage return only as the first half of a Windows line end.
      if (!multiline) return 'line_break';
      if (text.charCodeAt(i + 1) !== 0x0a) return 'control';
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'control';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'lone_surrogate';
      i += 1; // a whole pair: an astral character
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'lone_surrogate';
    if (c === 0xfffe || c === 0xffff) return 'noncharacter';
  }
  return undefined;
}

export function isCleanText(text: unknown, options: CleanTextOptions = {}): text is string {
  return textProblem(text, options) === undefined;
}

/** The field message for an unclean text ("must not contain control characters"), or undefined. */
export function cleanTextMessage(
  text: unknown,
  options: CleanTextOptions = {},
): string | undefined {
  const problem = textProblem(text, options);
  return problem === undefined ? undefined : TEXT_MESSAGES[problem];
}

// ---------------------------------------------------------------------------------------------
// real calendar dates

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** The furthest real UTC offsets (Baker Island, Line Islands). */
const MAX_OFFSET_MINUTES = 14 * 60;

export type DateKind = 'date' | 'date-time';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function realDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether `value` is a real calendar date (`2026-02-28`) or a real date and time with its
 * offset (`2026-02-28T08:00:00+08:00`, `...Z`): 2026-02-30, 24:00 or +25:00 are refused, where
 * `new Date()` would quietly roll them over. A date-time always names its offset.
 */
export function isRealDate(value: unknown, kind: DateKind): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  if (kind === 'date') {
    const m = DATE.exec(value);
    return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const m = DATE_TIME.exec(value);
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return false;
  if (m[7] === 'Z') return true;
  const offsetMinutes = Number(m[9]) * 60 + Number(m[10]);
  return Number(m[10]) <= 59 && offsetMinutes <= MAX_OFFSET_MINUTES;
}

/** The field message for a date that is not real, or undefined. */
export function realDateMessage(value: unknown, kind: DateKind): string | undefined {
  if (isRealDate(value, kind)) return undefined;
  return kind === 'date'
    ? 'must be a real calendar date, YYYY-MM-DD'
    : 'must be a real date and time with its offset, e.g. 2026-03-01T08:00:00+08:00';
}

// ---------------------------------------------------------------------------------------------
// the shape of JSON values

export interface JsonLimits {
  /** how deep objects and arrays may nest; a scalar is depth 0, `{}` and `[]` depth 1 */
  maxDepth: number;
  /** most keys in one object */
  maxKeys?: number;
  /** most items in one array */
  maxItems?: number;
}

/** Nesting that no record of ours needs, far below what recursive transforms survive. */
export const MAX_JSON_DEPTH = 32;

/**
 * What makes an already-parsed JSON value too deep or too wide for the transforms after it
 * (class-transformer, ValidationPipe and friends recurse and overflow the stack), or
 * undefined. Iterative, so it cannot overflow itself; stops at the first problem.
 */
export function jsonShapeProblem(value: unknown, limits: JsonLimits): string | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number };
    if (top.value === null || typeof top.value !== 'object') continue;
    const depth = top.depth + 1;
    if (depth > limits.maxDepth) {
      return `must not be nested more than ${limits.maxDepth} levels deep`;
    }
    // Parsed JSON has no cycles; a hand-built value might, and must not loop forever.
    if (seen.has(top.value)) continue;
    seen.add(top.value);
    if (Array.isArray(top.value)) {
      if (limits.maxItems !== undefined && top.value.length > limits.maxItems) {
        return `must not hold more than ${limits.maxItems} items in one list`;
      }
      for (const item of top.value) stack.push({ value: item, depth });
    } else {
      const members = Object.values(top.value);
      if (limits.maxKeys !== undefined && members.length > limits.maxKeys) {
        return `must not hold more than ${limits.maxKeys} keys in one object`;
      }
      for (const member of members) stack.push({ value: member, depth });
    }
  }
  return undefined;
}

/**
 * Whether raw JSON text nests deeper than `maxDepth`, read before JSON.parse: brackets are
 * counted outside strings, one pass, no recursion. Malformed text is left to the parser.
 * Works on a byte string too (Latin-1 decoded UTF-8): quotes, backslashes and brackets are
 * ASCII and never occur inside a multi-byte sequence.
 */
export function jsonTextTooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
