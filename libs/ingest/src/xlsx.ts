import { stream as excelStream } from 'exceljs';
import type { Readable } from 'stream';
import type { CsvRow } from './csv';
import { CsvError } from './csv-errors';

/**
 * The rows of an .xlsx upload's first worksheet as the CSV reader hands them on: the row
 * number as the line, each cell as text. Read with exceljs's streaming reader as the upload
 * arrives, so a 20,000-row roster is never held as a workbook. Later worksheets (a county's
 * notes, say) are read past and ignored.
 */

/** "PK\3\4": an .xlsx file is a zip archive; a CSV file never starts so. */
export function looksLikeXlsx(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32BE(0) === 0x504b0304;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a CSV file would hold for it. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // Excel keeps a date as a day count without a zone; exceljs reads it as that day at 00:00
    // UTC. A date cell (birth date, discharge day) becomes YYYY-MM-DD, as the contract writes it.
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = value.getTime() % 86_400_000;
    return time === 0 ? date : value.toISOString().slice(0, 19);
  }
  if (typeof value === 'object') {
    const cell = value as {
      richText?: Array<{ text: string }>;
      text?: unknown;
      result?: unknown;
      error?: unknown;
    };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if (cell.text !== undefined) return cellText(cell.text);
    if ('result' in cell) return cellText(cell.result);
  }
  return '';
}

export async function* xlsxRows(input: Readable): AsyncGenerator<CsvRow> {
  const reader = new excelStream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // the number formats tell a date cell from a number
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      for await (const row of worksheet) {
        if (sheets > 1) continue;
        const values = row.values as unknown[];
        const cells = values.slice(1).map(cellText);
        for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
        if (cells.every((cell) => cell.trim() === '')) continue;
        yield { line: row.number, cells: Array.from(cells, (cell) => cell ?? '') };
      }
    }
  } catch (error) {
    if (error instanceof CsvError) throw error;
    throw new CsvError(
      `the .xlsx file cannot be read (${error instanceof Error ? error.message : 'unknown'}); ` +
        'save it again from Excel or WPS as .xlsx',
    );
  } finally {
    // An upload's file stream must drain for the form to finish, even when reading stopped.
    if (!input.readableEnded) {
      input.unpipe();
      input.resume();
    }
  }
  if (sheets === 0) throw new CsvError('the .xlsx file holds no worksheet');
}
