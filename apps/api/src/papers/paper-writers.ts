import { stream, type Style, type Worksheet } from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PaperCell, PaperLayout, PaperRow } from './paper';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** One way of writing a paper's rows out as they come: a sheet of a workbook, or a CSV. */
export interface PaperWriter {
  row(row: PaperRow): Promise<void>;
  /** the totals row: the label in the first column, bold on paper */
  totals(row: PaperRow): Promise<void>;
  /** ends the table (and, for a workbook's last table, the file) */
  end(): Promise<void>;
}

/**
 * A workbook written to `out` as it is made (exceljs's streaming writer): neither the rows nor
 * the file are ever whole in memory. Tables are written one after the other as sheets.
 */
export class PaperWorkbook {
  private readonly book: stream.xlsx.WorkbookWriter;

  constructor(out: Writable) {
    this.book = new stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    this.book.creator = 'sanbao';
    this.book.created = new Date();
  }

  /**
   * A sheet as a township office prints it: the title, the unit, the period and when it was
   * made; the headings frozen and repeated on every printed page; A4 landscape, one page wide.
   */
  sheet(paper: PaperLayout): PaperWriter {
    const headingRow = paper.lines.length + 2;
    const sheet = this.book.addWorksheet(sheetName(paper.sheetName), {
      views: [{ state: 'frozen', ySplit: headingRow, xSplit: 0 }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${headingRow}:${headingRow}`,
      },
    }) as unknown as Worksheet & { commit(): void };
    const width = paper.columns.length;
    sheet.columns = paper.columns.map((c) => ({ key: c.key, width: c.width ?? 12 }));
    const title = sheet.addRow([paper.title]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    title.height = 28;
    sheet.mergeCells(1, 1, 1, width);
    paper.lines.forEach((line, i) => {
      sheet.addRow([line]);
      sheet.mergeCells(i + 2, 1, i + 2, width);
    });
    const headings = sheet.addRow(paper.columns.map((c) => c.heading));
    headings.font = { bold: true };
    headings.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    headings.eachCell((cell) => {
      cell.border = box;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
    // The lines above the headings are written now: a streamed sheet keeps nothing back.
    for (let r = 1; r <= headingRow; r += 1) sheet.getRow(r).commit();
    // One style object for every body cell and one for the totals: exceljs serialises a
    // cell's style to look it up unless it has seen that very object (docs/benchmarks.md).
    const plain: Partial<Style> = { border: box };
    const strong: Partial<Style> = { border: box, font: { bold: true } };
    const dated: Partial<Style> = { border: box, numFmt: 'yyyy-mm-dd hh:mm' };
    const add = (row: PaperRow, bold: boolean) => {
      // Text stays text (exceljs writes a string as a string, never as a formula).
      const written = sheet.addRow(paper.columns.map((c) => row[c.key] ?? null));
      paper.columns.forEach((c, i) => {
        const value = row[c.key];
        written.getCell(i + 1).style = bold ? strong : value instanceof Date ? dated : plain;
      });
      written.commit();
      return Promise.resolve();
    };
    return {
      row: (row) => add(row, false),
      totals: (row) => add({ ...row, [paper.columns[0].key]: paper.totalLabel }, true),
      end: () => {
        sheet.commit();
        return Promise.resolve();
      },
    };
  }

  /** Ends the file: call after the last sheet's end(). */
  async end(): Promise<void> {
    await this.book.commit();
  }
}

const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel's limits on a sheet's name: 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/**
 * The paper as CSV for programs: UTF-8 with a byte-order mark (Excel on a Chinese Windows
 * reads it right), the headings on the first line, the rows, the totals row last. Written as
 * it comes, waiting when the client reads slowly.
 */
export function paperCsv(paper: PaperLayout, out: Writable): PaperWriter {
  let started = false;
  const write = (line: string): Promise<void> =>
    out.write(line) ? Promise.resolve() : once(out, 'drain').then(() => undefined);
  const line = async (cells: PaperCell[]) => {
    if (!started) {
      started = true;
      await write('\uFEFF' + paper.columns.map((c) => csvCell(c.heading)).join(',') + '\r\n');
    }
    await write(cells.map(csvCell).join(',') + '\r\n');
  };
  const values = (row: PaperRow) => paper.columns.map((c) => row[c.key]);
  return {
    row: (row) => line(values(row)),
    totals: (row) => line(values({ ...row, [paper.columns[0].key]: paper.totalLabel })),
    end: async () => {
      if (!started) {
        started = true;
        await write('\uFEFF' + paper.columns.map((c) => csvCell(c.heading)).join(',') + '\r\n');
      }
      out.end();
    },
  };
}

/** One CSV cell: quoted when it must be; a leading = + - @ in text made harmless with a '. */
export function csvCell(value: PaperCell): string {
  if (value === null || value === undefined) return '';
  // A date cell holds the county's wall-clock time in its UTC fields.
  const text =
    value instanceof Date ? value.toISOString().slice(0, 16).replace('T', ' ') : String(value);
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
