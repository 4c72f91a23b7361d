import { ApiError } from '../common/api.errors';

/**
 * Keyset pagination: a page continues after the last row of the one before, named by an opaque
 * cursor, so page 2,000 costs what page 1 costs (one index range read in order) where an
 * offset would read and throw away every row before it.
 *
 * A cursor is base64url JSON of the list's order and the last row's key: the sort value as
 * PostgreSQL printed it (text keeps microseconds a JavaScript Date would drop) and its unique
 * tie-break. It is opaque to clients: they hand back `nextCursor` as it came.
 */
export interface Cursor {
  /** the list and its order the cursor belongs to, e.g. `ledger:reportedAt:desc` */
  list: string;
  /** the last row's sort value, null when it had none (the nulls come last) */
  value: string | null;
  /** the last row's unique tie-break (a ledger number, a lapse id) */
  key: string;
  /** the list's capped total as its first page counted it: later pages count nothing */
  total?: number;
}

/** What a query parameter `cursor` may look like: base64url, bounded. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]{4,400}$/;

export function encodeCursor(cursor: Cursor): string {
  const fields = [cursor.list, cursor.value, cursor.key];
  if (cursor.total !== undefined) fields.push(String(cursor.total));
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/** The cursor a client handed back, checked to belong to the list it is used on. */
export function decodeCursor(text: string, list: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    (parsed.length !== 3 && parsed.length !== 4) ||
    (parsed.length === 4 && !(typeof parsed[3] === 'string' && /^\d{1,9}$/.test(parsed[3]))) ||
    typeof parsed[0] !== 'string' ||
    (parsed[1] !== null && typeof parsed[1] !== 'string') ||
    typeof parsed[2] !== 'string' ||
    parsed[2].length > 200 ||
    (typeof parsed[1] === 'string' && parsed[1].length > 100)
  ) {
    throw invalidCursor('cursor is not one this API gave out');
  }
  if (parsed[0] !== list) {
    throw invalidCursor(`cursor belongs to another list or order (${parsed[0]}, not ${list})`);
  }
  const cursor: Cursor = { list, value: parsed[1] as string | null, key: parsed[2] };
  if (parsed.length === 4) cursor.total = Number(parsed[3]);
  return cursor;
}

function invalidCursor(message: string): ApiError {
  return new ApiError('invalid_content', message, { cursor: [message] });
}

/**
 * How many rows a count reads at most unless the exact figure is asked for: enough for a pager,
 * bounded whatever the scope (the county's million rows are not counted on every page).
 */
export const TOTAL_CAP = 10_000;

/** A page's total: exact when below the cap or asked for, else "at least `cap`". */
export interface PageTotal {
  total: number;
  totalExact: boolean;
}

export function cappedTotal(counted: number, cap = TOTAL_CAP): PageTotal {
  return counted > cap ? { total: cap, totalExact: false } : { total: counted, totalExact: true };
}
