import { Options, parse } from 'csv-parse';
import { getMetadataStorage } from 'class-validator';
import { Readable } from 'stream';
import { toUtf8, type Charset } from './charset';
import { CsvError } from './csv-errors';

export { CsvEncodingError, CsvError } from './csv-errors';

/**
 * CSV for the rosters bureaus keep in spreadsheets, read with csv-parse as the upload streams
 * in: RFC 4180 (quoted fields, doubled quotes, CRLF, LF or CR), UTF-8 with or without a BOM or
 * GB18030 (charset.ts), the first line naming the columns by the contract's field names or
 * their Chinese headings. The .xlsx reader (xlsx.ts) hands on rows of the same shape. Cells become booleans or
 * numbers where the contract says so.
 */
export interface CsvRow {
  /** 1-based line of the file the row starts on (a quoted cell may span lines) */
  line: number;
  cells: string[];
}

export interface CsvRows {
  header: string[];
  rows: CsvRow[];
}

/** A row longer than this is no roster row; csv-parse stops there instead of buffering on. */
export const CSV_MAX_ROW_BYTES = 64 * 1024;

type CsvSource = Readable | Buffer | string;

function streamOf(source: CsvSource): Readable {
  if (source instanceof Readable) return source;
  return Readable.from([typeof source === 'string' ? Buffer.from(source, 'utf8') : source]);
}

/** Line breaks in a row's cells (CRLF counts once), to know the line the next row starts on. */
function breaksIn(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return breaks;
}

/** csv-parse's error as the answer's message, naming the line the broken row starts on. */
function csvMessage(error: unknown, line: number): unknown {
  if (error instanceof CsvError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new CsvError(`line ${line}: a quoted cell is not closed`);
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return new CsvError(`line ${line}: a row is longer than ${CSV_MAX_ROW_BYTES / 1024} KiB`);
  }
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return new CsvError(`line ${line}: ${(error as Error).message}`);
  }
  return error;
}

/**
 * The file's rows one by one, the header first; blank lines are skipped. A row may hold fewer
 * cells than the header (missing fields) or more (ignored, as unnamed columns are).
 */
export async function* csvRows(
  source: CsvSource,
  read: { charset?: Charset } = {},
): AsyncGenerator<CsvRow> {
  const input = streamOf(source);
  const checked = input.pipe(toUtf8(read.charset));
  input.on('error', (error) => checked.destroy(error));
  // csv-parse counts a CRLF inside a quoted cell as two lines, so lines are counted here: a
  // row starts on the line after the previous row's end and the blank lines skipped since.
  // Counted as csv-parse makes each row (on_record), so that an error after rows still in
  // the stream's buffer (which the error discards) names the right line too.
  let nextLine = 1;
  let emptyLines = 0;
  const startOf = (empty: number) => nextLine + (empty - emptyLines);
  /** each row's line, kept with the row as csv-parse hands it on */
  const lines = new WeakMap<string[], number>();
  const options: Options = {
    bom: true,
    // Listed, not discovered: csv-parse would settle on the first line's ending only.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A quote inside an unquoted cell (5" pipe) is a character, as spreadsheets write it.
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: CSV_MAX_ROW_BYTES,
    on_record: (cells: string[], context: { empty_lines: number }) => {
      const line = startOf(context.empty_lines);
      emptyLines = context.empty_lines;
      nextLine = line + breaksIn(cells) + 1;
      lines.set(cells, line);
      return cells;
    },
  };
  const parser = checked.pipe(parse(options));
  checked.on('error', (error) => parser.destroy(error));
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const row: CsvRow = { line: lines.get(cells) ?? nextLine, cells };
      if (row.cells.some((cell) => cell.includes('\u0000'))) {
        throw new CsvError(
          `line ${row.line}: a NUL character; the file is not CSV text (save it as CSV or .xlsx)`,
        );
      }
      yield row;
    }
  } catch (error) {
    const empty = (error as { empty_lines?: number }).empty_lines;
    throw csvMessage(error, typeof empty === 'number' ? startOf(empty) : nextLine);
  } finally {
    // Read to its end all the same: an upload's file stream must drain for the form to finish.
    if (!input.readableEnded) {
      input.unpipe();
      input.resume();
    }
  }
}

/** The whole file as header and rows (small files and tests; uploads use csvRecords). */
export async function parseCsv(source: CsvSource): Promise<CsvRows> {
  const rows: CsvRow[] = [];
  for await (const row of csvRows(source)) rows.push(row);
  const [first, ...rest] = rows;
  if (!first) throw new CsvError('the file is empty: the first line must name the columns');
  return { header: first.cells.map((h) => h.trim()), rows: rest };
}

type CellType = 'boolean' | 'number' | 'string';

/** The contract's fields and how a CSV cell becomes each one's value. */
function columnTypes(recordClass: Function): Map<string, CellType> {
  const types = new Map<string, CellType>();
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

function cellValue(raw: string, type: CellType): unknown {
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

export interface CsvBatch {
  /** the rows as plain records for the contract's validation, at most maxRecords of them */
  records: Array<Record<string, unknown>>;
  /** each kept record's line in the file */
  lines: number[];
  /** how many data rows were read: all of them, or maxRecords + 1 when the file held more */
  count: number;
  /** the file held more than maxRecords rows; reading stopped at the first one past it */
  overLimit: boolean;
}

/**
 * Rows as plain records for the contract's validation; unknown columns are ignored. Reading
 * stops at the first row past maxRecords: the batch will be refused whatever the rest holds,
 * and a file of millions of tiny rows within the byte limit would otherwise cost minutes of
 * parsing.
 */
export async function csvRecords(
  source: CsvSource,
  recordClass: Function,
  options: RecordOptions & { charset?: Charset } = {},
): Promise<CsvBatch> {
  return rowRecords(csvRows(source, options), recordClass, options);
}

export interface RecordOptions {
  maxRecords?: number;
  /** the field a header cell names (its Chinese heading); field names are always taken */
  fieldOf?: (header: string) => string | undefined;
}

/** Rows of a CSV or .xlsx file as records: the first row names the columns. */
export async function rowRecords(
  rows: AsyncIterable<CsvRow>,
  recordClass: Function,
  options: RecordOptions = {},
): Promise<CsvBatch> {
  const max = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const types = columnTypes(recordClass);
  const fieldOf = (cell: string) => {
    const name = cell.trim();
    return types.has(name) ? name : options.fieldOf?.(name);
  };
  let header: Array<string | undefined> | undefined;
  const batch: CsvBatch = { records: [], lines: [], count: 0, overLimit: false };
  for await (const { line, cells } of rows) {
    if (!header) {
      header = cells.map(fieldOf);
      if (!header.some((h) => h !== undefined && types.has(h))) {
        throw new CsvError(
          `the first line names none of the fields (${[...types.keys()].join(', ')})`,
        );
      }
      continue;
    }
    batch.count += 1;
    if (batch.count > max) {
      batch.overLimit = true;
      break;
    }
    const record: Record<string, unknown> = {};
    header.forEach((column, index) => {
      const type = column === undefined ? undefined : types.get(column);
      if (!type) return;
      const value = cellValue(cells[index] ?? '', type);
      if (value !== undefined) record[column as string] = value;
    });
    batch.records.push(record);
    batch.lines.push(line);
  }
  if (!header) throw new CsvError('the file is empty: the first line must name the columns');
  return batch;
}
