import type { IssueLedgerEntity } from '@sanbao/persistence';
import type { SelectQueryBuilder } from 'typeorm';
import type { LedgerQueryDto } from './issues.dto';
import { TOTAL_CAP, cappedTotal, decodeCursor, encodeCursor, type PageTotal } from './keyset';

/**
 * The ledger's pages: orders that an index serves as they are (see the read-indexes
 * migration), keyset continuation after a cursor, and bounded totals.
 *
 * Each order ends with the ledger number in the same direction, so one index scanned forward
 * or backward gives the page without a sort. The due time may be null (closed issues, and open
 * ones without a limit): those rows come last in both directions, by ledger number, and a
 * cursor into them continues by ledger number alone. Every sort is read from an index in every
 * scope and with every filter (read-plans.e2e-spec.ts checks each combination).
 */
export type LedgerSort = 'reportedAt' | 'dueAt' | 'ledgerNo';
export type Direction = 'asc' | 'desc';

const COLUMN: Record<LedgerSort, { sql: string; path: string; cast: string; nullable: boolean }> = {
  reportedAt: { sql: 'l.reported_at', path: 'l.reportedAt', cast: 'timestamptz', nullable: false },
  dueAt: { sql: 'l.current_due_at', path: 'l.currentDueAt', cast: 'timestamptz', nullable: true },
  ledgerNo: { sql: 'l.ledger_no', path: 'l.ledgerNo', cast: 'text', nullable: false },
};

export interface LedgerRowsPage extends PageTotal {
  rows: IssueLedgerEntity[];
  nextCursor: string | null;
}

type Query = SelectQueryBuilder<IssueLedgerEntity>;

/**
 * The status the filters ask for, said or implied: a stage other than closed, or a due time,
 * is an open issue's (the worker's ledger row: status closed exactly at stage closed, and no
 * due time once closed). Said in the query, it lets PostgreSQL use the open issues' partial
 * indexes, which it cannot prove from the stage or the due time alone.
 */
export function ledgerStatus(query: LedgerQueryDto): 'open' | 'closed' | undefined {
  if (query.status) return query.status;
  if (query.stage) return query.stage === 'closed' ? 'closed' : 'open';
  return query.dueBefore ? 'open' : undefined;
}

/** The filters of GET /issues (and the ledger export), on top of the caller's scope. */
export function applyLedgerFilters(q: Query, query: LedgerQueryDto): Query {
  if (query.sector) q.andWhere('l.sector = :sector', { sector: query.sector });
  if (query.townshipCode) q.andWhere('l.township_code = :t', { t: query.townshipCode });
  if (query.villageCode) q.andWhere('l.village_code = :v', { v: query.villageCode });
  if (query.stage) q.andWhere('l.stage = :stage', { stage: query.stage });
  const status = ledgerStatus(query);
  if (status) q.andWhere('l.status = :status', { status });
  if (query.overdueLevel) q.andWhere('l.overdue_level = :level', { level: query.overdueLevel });
  if (query.reportedFrom) q.andWhere('l.reported_at >= :from', { from: query.reportedFrom });
  if (query.reportedTo) q.andWhere('l.reported_at < :to', { to: query.reportedTo });
  if (query.dueBefore) q.andWhere('l.current_due_at < :due', { due: query.dueBefore });
  return q;
}

export function orderName(sort: LedgerSort, direction: Direction): string {
  return `ledger:${sort}:${direction}`;
}

/**
 * ORDER BY in the direction an index holds: not-null columns need no NULLS clause. A nullable
 * column (the due time) is ordered with its nulls last, as the list shows it; that is the
 * order of an ascending index read forward, not of one read backward (`indexOrder` is).
 */
export function applyLedgerOrder(q: Query, sort: LedgerSort, direction: Direction): Query {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  if (sort === 'ledgerNo') return q.orderBy('l.ledgerNo', dir);
  const column = COLUMN[sort];
  if (column.nullable) q.orderBy(column.path, dir, 'NULLS LAST');
  else q.orderBy(column.path, dir);
  return q.addOrderBy('l.ledgerNo', dir);
}

/**
 * The order an ascending index (nulls at its end) gives read forward or backward. Where every
 * row has a value, or none has, it is the list's order too, so the two parts of a nullable
 * sort (the rows with a value, then the rows without) each read one index range in order:
 * `dueAt desc` reads the same index as `dueAt asc`, backward.
 */
function indexOrder(q: Query, sort: LedgerSort, direction: Direction): Query {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  q.orderBy(COLUMN[sort].path, dir, direction === 'asc' ? 'NULLS LAST' : 'NULLS FIRST');
  return q.addOrderBy('l.ledgerNo', dir);
}

/** Rows with the text of their sort value, for the next cursor. */
async function fetch(
  q: Query,
  sort: LedgerSort,
  limit: number,
): Promise<Array<{ row: IssueLedgerEntity; value: string | null }>> {
  q.addSelect(`${COLUMN[sort].sql}::text`, 'cursor_value').limit(limit);
  const { raw, entities } = await q.getRawAndEntities<{ cursor_value: string | null }>();
  return entities.map((row, i) => ({ row, value: raw[i].cursor_value }));
}

/**
 * One page: after `query.cursor` (keyset), else at `query.page` (offset: kept for old clients,
 * fine for the first pages, costly deep down), else the first. `base` gives a fresh filtered
 * query each time it is called.
 */
export async function ledgerPage(
  base: () => Query,
  query: LedgerQueryDto,
  count: (q: Query, exact: boolean) => Promise<number>,
): Promise<LedgerRowsPage> {
  const sort = query.sort ?? 'reportedAt';
  const direction = query.order ?? 'desc';
  const size = query.pageSize ?? 20;
  const name = orderName(sort, direction);
  const column = COLUMN[sort];
  const after = query.cursor ? decodeCursor(query.cursor, name) : undefined;
  const cmp = direction === 'asc' ? '>' : '<';

  const read = async (): Promise<Array<{ row: IssueLedgerEntity; value: string | null }>> => {
    const offset = !after && query.page && query.page > 1 ? (query.page - 1) * size : 0;
    if (column.nullable) return nullableRead(offset);
    if (!after) {
      const q = applyLedgerOrder(base(), sort, direction);
      if (offset > 0) q.offset(offset);
      return fetch(q, sort, size + 1);
    }
    if (sort === 'ledgerNo') {
      const q = base().andWhere(`l.ledger_no ${cmp} :ck`, { ck: after.key });
      return fetch(applyLedgerOrder(q, sort, direction), sort, size + 1);
    }
    const q = base().andWhere(`(${column.sql}, l.ledger_no) ${cmp} ((:cv)::${column.cast}, :ck)`, {
      cv: after.value,
      ck: after.key,
    });
    return fetch(applyLedgerOrder(q, sort, direction), sort, size + 1);
  };

  // A nullable sort (the due time): the rows with a value (open issues only: a closed one has
  // no due time, and saying so reads the open issues' by-due indexes), then the rows without
  // one, last in both directions, by ledger number: the open issues' by-due indexes hold them
  // in that order when the filters ask for open issues, the ledger-number indexes otherwise.
  const status = ledgerStatus(query);
  const valued = () => base().andWhere(`${column.sql} IS NOT NULL`).andWhere(`l.status = 'open'`);
  const nullsTail = (limit: number, afterKey?: string, skip = 0) => {
    const q = base().andWhere(`${column.sql} IS NULL`);
    if (afterKey !== undefined) q.andWhere(`l.ledger_no ${cmp} :ck`, { ck: afterKey });
    const ordered =
      status === 'open'
        ? indexOrder(q, sort, direction)
        : applyLedgerOrder(q, 'ledgerNo', direction);
    if (skip > 0) ordered.offset(skip);
    return fetch(ordered, sort, limit);
  };
  const nullableRead = async (offset: number) => {
    if (after && after.value === null) return nullsTail(size + 1, after.key);
    const found: Array<{ row: IssueLedgerEntity; value: string | null }> = [];
    if (status !== 'closed') {
      const q = valued();
      if (after) {
        q.andWhere(`(${column.sql}, l.ledger_no) ${cmp} ((:cv)::${column.cast}, :ck)`, {
          cv: after.value,
          ck: after.key,
        });
      }
      const ordered = indexOrder(q, sort, direction);
      if (offset > 0) ordered.offset(offset);
      found.push(...(await fetch(ordered, sort, size + 1)));
    }
    if (found.length > size) return found;
    // An offset past the rows with a value goes on into the tail by what is left of it.
    let skip = 0;
    if (offset > 0 && found.length === 0) {
      skip = offset - (status === 'closed' ? 0 : await countRows(valued(), true));
    }
    found.push(...(await nullsTail(size + 1 - found.length, undefined, Math.max(0, skip))));
    return found;
  };

  // The total is counted on the first page (capped) and carried in the cursor after it, so a
  // page further down counts nothing; an exact total is counted whenever it is asked for.
  const exact = query.total === 'exact';
  const carried = exact ? undefined : after?.total;
  const [found, counted] = await Promise.all([
    read(),
    carried !== undefined ? carried : count(base(), exact),
  ]);
  const rows = found.slice(0, size);
  const last = found.length > size ? found[size - 1] : undefined;
  return {
    rows: rows.map((r) => r.row),
    nextCursor: last
      ? encodeCursor({
          list: name,
          value: last.value,
          key: last.row.ledgerNo,
          ...(exact ? {} : { total: Math.min(counted, TOTAL_CAP + 1) }),
        })
      : null,
    ...(exact ? { total: counted, totalExact: true } : cappedTotal(counted)),
  };
}

/** count(*) over at most `TOTAL_CAP + 1` rows, or over all of them when asked. */
export async function countRows(q: Query, exact: boolean): Promise<number> {
  q.select('1');
  if (!exact) q.limit(TOTAL_CAP + 1);
  const [sql, params] = q.getQueryAndParameters();
  const rows = await q.connection.query<Array<{ n: string }>>(
    `SELECT count(*) AS n FROM (${sql}) AS counted`,
    params,
  );
  return Number(rows[0].n);
}
