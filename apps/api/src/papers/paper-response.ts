import type { Response } from 'express';
import type { PaperLayout } from './paper';
import { CSV_TYPE, PaperWorkbook, paperCsv, XLSX_TYPE, type PaperWriter } from './paper-writers';

/** Opens the next table of a paper file (a sheet; in a CSV only the first table is written). */
export type OpenTable = (layout: PaperLayout) => PaperWriter;

const none: PaperWriter = {
  row: () => Promise.resolve(),
  totals: () => Promise.resolve(),
  end: () => Promise.resolve(),
};

/**
 * Answers a paper as a download, streamed: `write` opens its tables one after the other and
 * writes their rows as it reads them. CSV holds the first table only (later ones are the
 * workbook's summary sheets).
 */
export async function sendPaper(
  res: Response,
  format: 'csv' | 'xlsx',
  fileName: string,
  write: (open: OpenTable) => Promise<void>,
): Promise<void> {
  res.setHeader('Content-Type', format === 'csv' ? CSV_TYPE : XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}.${format}"`);
  await streamed(res, async () => {
    if (format === 'csv') {
      let opened = false;
      let table: PaperWriter | undefined;
      await write((layout) => {
        if (opened) return none;
        opened = true;
        return (table = paperCsv(layout, res));
      });
      if (!table) res.end();
      return;
    }
    const book = new PaperWorkbook(res);
    await write((layout) => book.sheet(layout));
    await book.end();
  });
}

/**
 * Writes a streamed answer. A failure before the first byte is an ordinary error answer; after
 * it, the status is gone, so the connection is cut and the client sees a broken download.
 */
export async function streamed(res: Response, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      throw error;
    }
    res.destroy(error instanceof Error ? error : undefined);
  }
}
