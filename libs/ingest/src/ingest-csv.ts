import { headingMap, ingestContract, IngestKindContract } from '@sanbao/contracts';
import { isSector } from '@sanbao/domain';
import { Readable } from 'stream';
import { charsetOf, type Charset } from './charset';
import { CsvBatch, CsvEncodingError, CsvError, csvRows, rowRecords } from './csv';
import { looksLikeXlsx, xlsxRows } from './xlsx';
import { IngestError } from './ingest.error';
import type { BatchSource } from './ingest.service';

/** What the CSV storage hands the controller for the uploaded file. */
export interface UploadedCsv {
  /** bytes the upload held */
  size: number;
  /** the parsed rows; absent for an empty file */
  csv?: CsvBatch;
  /** what the file was read as */
  format?: 'csv' | 'xlsx';
}

/** The CSV contract of a sector's kind, or the reason there is none. */
export function csvContract(sector: string, kind: string): IngestKindContract {
  const contract = isSector(sector) ? ingestContract(sector, kind) : undefined;
  if (!contract) throw new IngestError('unknown_kind', `${sector} takes no kind ${kind}`);
  if (!contract.csv) {
    throw new IngestError('invalid_batch', `${kind} records are nested: send them as JSON`);
  }
  return contract;
}

function unreadable(error: CsvError): IngestError {
  if (error instanceof CsvEncodingError) {
    return new IngestError('invalid_batch', 'the CSV file must be UTF-8 or GB18030 text', [
      {
        field: 'file',
        messages: ['file must be UTF-8 or GB18030 text (or send the .xlsx itself)'],
      },
    ]);
  }
  return new IngestError('invalid_batch', 'the CSV file cannot be read', [
    { field: 'file', messages: [error.message] },
  ]);
}

/** multer's storage engine interface (multer ships no types of its own). */
interface StorageEngine {
  _handleFile(
    req: { params?: Record<string, string>; query?: Record<string, unknown> },
    file: { stream: Readable; mimetype?: string },
    callback: (error: unknown, info?: UploadedCsv) => void,
  ): void;
  _removeFile(req: unknown, file: Partial<UploadedCsv>, callback: (error: unknown) => void): void;
}

/**
 * The upload's bytes with their count and first bytes known before anyone reads them: the
 * first bytes tell an .xlsx file (a zip) from CSV. Read through the iterator without ever
 * returning it, so stopping early never destroys the upload's stream (it is drained instead).
 */
async function peek(
  input: Readable,
): Promise<{ head: Buffer; stream: Readable; size: () => number }> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let size = 0;
  const held: Buffer[] = [];
  let done = false;
  while (!done && size < 4) {
    const next = await chunks.next();
    if (next.done) done = true;
    else {
      held.push(next.value);
      size += next.value.length;
    }
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* held;
    while (!done) {
      const next = await chunks.next();
      if (next.done) return;
      size += next.value.length;
      yield next.value;
    }
  }
  return { head: Buffer.concat(held), stream: Readable.from(rest()), size: () => size };
}

/** The rows of an upload, CSV (UTF-8 or GB18030) or .xlsx, as records of the kind. */
async function readUpload(
  input: Readable,
  contract: IngestKindContract,
  options: { maxRecords: number; charset?: Charset },
): Promise<UploadedCsv> {
  const { head, stream, size } = await peek(input);
  if (head.length === 0) return { size: 0 };
  const xlsx = looksLikeXlsx(head);
  const rows = xlsx ? xlsxRows(stream) : csvRows(stream, { charset: options.charset });
  try {
    const csv = await rowRecords(rows, contract.record, {
      maxRecords: options.maxRecords,
      fieldOf: headingMap(contract.headings).fieldOf,
    });
    return { size: size(), csv, format: xlsx ? 'xlsx' : 'csv' };
  } catch (error) {
    if (size() === 0) return { size: 0 };
    throw error instanceof CsvError ? unreadable(error) : error;
  }
}

/**
 * A multer storage engine that parses the upload as it arrives, record by record, instead of
 * keeping the file: multer's fileSize limit still bounds the bytes, maxRecords the rows kept.
 * CSV comes in UTF-8 or GB18030 (told by `?charset=`, the part's Content-Type, or the bytes);
 * an .xlsx file is told by its first bytes. Multer runs after the guards, so only an
 * authenticated upload is read. The sector is the service's own, or (the API, which relays
 * bureau officers' uploads of every sector) read from the route's parameters.
 */
export function csvUploadStorage(
  sector: string | ((params: Record<string, string>) => string),
  maxRecords: number,
): StorageEngine {
  return {
    _handleFile(req, file, callback) {
      let contract: IngestKindContract;
      try {
        const params = req.params ?? {};
        contract = csvContract(
          typeof sector === 'string' ? sector : sector(params),
          params.kind ?? '',
        );
      } catch (error) {
        file.stream.resume();
        callback(error);
        return;
      }
      const charset = charsetOf(req.query?.charset) ?? charsetOf(file.mimetype);
      readUpload(file.stream, contract, { maxRecords, charset }).then(
        (upload) => callback(null, upload),
        (error: unknown) => callback(error),
      );
    },
    _removeFile(_req, file, callback) {
      delete file.csv;
      callback(null);
    },
  };
}

/** A CSV upload as a batch: the form fields make the envelope, the file's rows the records. */
export function ingestCsv(
  sector: string,
  kind: string,
  file: UploadedCsv | undefined,
  fields: Record<string, unknown> | undefined,
): BatchSource {
  csvContract(sector, kind);
  if (!file?.csv || file.size === 0) {
    throw new IngestError('invalid_batch', 'the upload needs a CSV file in the form field "file"', [
      { field: 'file', messages: ['file must be a CSV file with a header line'] },
    ]);
  }
  const { records, lines, overLimit } = file.csv;
  return { body: { ...(fields ?? {}), records }, csvLines: lines, overLimit };
}
