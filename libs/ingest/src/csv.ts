import { getMetadataStorage } from 'class-validator';

/**
 * CSV for the rosters bureaus keep in spreadsheets: RFC 4180 (quoted fields, doubled quotes,
 * CRLF or LF), UTF-8 with or without a BOM, the first line naming the columns by the
 * contract's field names. Cells become booleans or numbers where the contract says so.
 */
export interface CsvRows {
  header: string[];
  /** each data row as cells, with its 1-based line in the file */
  rows: Array<{ line: number; cells: string[] }>;
}

export class CsvError extends Error {}

export function parseCsv(text: string): CsvRows {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  while (i < source.length) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      if (ch === '\n') line += 1;
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (quoted) throw new CsvError(`line ${recordLine}: a quoted cell is not closed`);
  if (cell !== '' || cells.length > 0) endRecord();
  const [first, ...rows] = records;
  if (!first) throw new CsvError('the file is empty: the first line must name the columns');
  return { header: first.cells.map((h) => h.trim()), rows };
}

/** The contract's fields and how a CSV cell becomes each one's value. */
function columnTypes(recordClass: Function): Map<string, 'boolean' | 'number' | 'string'> {
  const types = new Map<string, 'boolean' | 'number' | 'string'>();
  const metadata = getMetadataStorage().getTargetValidationMetadatas(recordClass, '', true, false);
  for (const m of metadata) {
    const name = m.name ?? '';
    const current = types.get(m.propertyName);
    if (name === 'isBoolean') types.set(m.propertyName, 'boolean');
    else if (name === 'isNumber' || name === 'isInt') types.set(m.propertyName, 'number');
    else if (!current) types.set(m.propertyName, 'string');
  }
  return types;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

function cellValue(raw: string, type: 'boolean' | 'number' | 'string'): unknown {
  const cell = raw.trim();
  if (cell === '') return undefined; // an empty cell is a missing field
  if (type === 'boolean') {
    const lower = cell.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    return cell; // left as text: the validator names the field
  }
  if (type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  }
  return cell;
}

/** Rows as plain records for the contract's validation; unknown columns are ignored. */
export function csvRecords(
  text: string,
  recordClass: Function,
): { records: Array<Record<string, unknown>>; lines: number[] } {
  const { header, rows } = parseCsv(text);
  const types = columnTypes(recordClass);
  const known = header.filter((h) => types.has(h));
  if (known.length === 0) {
    throw new CsvError(`the first line names none of the fields (${[...types.keys()].join(', ')})`);
  }
  const records = rows.map(({ cells }) => {
    const record: Record<string, unknown> = {};
    header.forEach((column, index) => {
      const type = types.get(column);
      if (!type) return;
      const value = cellValue(cells[index] ?? '', type);
      if (value !== undefined) record[column] = value;
    });
    return record;
  });
  return { records, lines: rows.map((r) => r.line) };
}
