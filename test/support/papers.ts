import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type request from 'supertest';

/** A paper's CSV as its rows (the byte-order mark checked and dropped). */
export function csvRows(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = parse(text.slice(1), { relax_column_count: true });
  return rows;
}

export interface PaperSheet {
  name: string;
  /** the printed lines above the headings: title, unit, period, made at */
  heading: string[];
  /** the frozen rows: the headings are the last of them */
  frozen: number;
  /** from the headings down, every cell as text ('' for an empty one) */
  table: string[][];
  /** the rows' bold flags, from the headings down */
  bold: boolean[];
}

/** Opens a file with exceljs, as a county office's spreadsheet program would. */
export async function xlsxSheets(bytes: Buffer): Promise<PaperSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return workbook.worksheets.map((sheet) => {
    const frozen = (sheet.views?.[0] as { ySplit?: number } | undefined)?.ySplit ?? 0;
    const rows: string[][] = [];
    const bold: boolean[] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      rows.push(
        Array.from({ length: sheet.columnCount }, (_, c) => {
          const v = row.getCell(c + 1).value;
          if (v === null || v === undefined) return '';
          return typeof v === 'object' ? JSON.stringify(v) : String(v);
        }),
      );
      bold.push(Boolean(row.getCell(1).font?.bold));
    }
    return {
      name: sheet.name,
      heading: rows.slice(0, Math.max(0, frozen - 1)).map((r) => r[0]),
      frozen,
      table: rows.slice(Math.max(0, frozen - 1)),
      bold: bold.slice(Math.max(0, frozen - 1)),
    };
  });
}

/** supertest: the body as bytes. */
export function binaryParser(
  res: request.Response,
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** CSV rows and the sheet's table agree cell for cell (an empty CSV cell is an empty cell). */
export function sameTable(csv: string[][], sheet: PaperSheet): void {
  const width = csv[0].length;
  const pad = (r: string[]) => [...r, ...Array<string>(width).fill('')].slice(0, width);
  expect(sheet.table.map(pad)).toEqual(csv.map(pad));
}
