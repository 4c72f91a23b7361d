import { ingestContract, IngestKindContract } from '@sanbao/contracts';
import { isSector } from '@sanbao/domain';
import type { Readable } from 'stream';
import { CsvBatch, CsvEncodingError, CsvError, csvRecords } from './csv';
import { IngestError } from './ingest.error';
import type { BatchSource } from './ingest.service';

/** What the CSV storage hands the controller for the uploaded file. */
export interface UploadedCsv {
  /** bytes the upload held */
  size: number;
  /** the parsed rows; absent for an empty file */
  csv?: CsvBatch;
}

/** The CSV contract of a sector's kind, or the reason there is none. */
function csvContract(sector: string, kind: string): IngestKindContract {
  const contract = isSector(sector) ? ingestContract(sector, kind) : undefined;
  if (!contract) throw new IngestError('unknown_kind', `${sector} takes no kind ${kind}`);
  if (!contract.csv) {
    throw new IngestError('invalid_batch', `${kind} records are nested: send them as JSON`);
  }
  return contract;
}

function unreadable(error: CsvError): IngestError {
  if (error instanceof CsvEncodingError) {
    return new IngestError('invalid_batch', 'the CSV file must be UTF-8 text', [
      { field: 'file', messages: ['file must be UTF-8 (save the spreadsheet as "CSV UTF-8")'] },
    ]);
  }
  return new IngestError('invalid_batch', 'the CSV file cannot be read', [
    { field: 'file', messages: [error.message] },
  ]);
}

/** multer's storage engine interface (multer ships no types of its own). */
interface StorageEngine {
  _handleFile(
    req: { params?: Record<string, string> },
    file: { stream: Readable },
    callback: (error: unknown, info?: UploadedCsv) => void,
  ): void;
  _removeFile(req: unknown, file: Partial<UploadedCsv>, callback: (error: unknown) => void): void;
}

/**
 * A multer storage engine that parses the upload as it arrives, record by record, instead of
 * keeping the file: multer's fileSize limit still bounds the bytes, maxRecords the rows kept.
 * Multer runs after the guards, so only an authenticated upload is read.
 */
export function csvUploadStorage(sector: string, maxRecords: number): StorageEngine {
  return {
    _handleFile(req, file, callback) {
      let contract: IngestKindContract;
      try {
        contract = csvContract(sector, req.params?.kind ?? '');
      } catch (error) {
        file.stream.resume();
        callback(error);
        return;
      }
      let size = 0;
      file.stream.on('data', (chunk: Buffer) => (size += chunk.length));
      csvRecords(file.stream, contract.record, { maxRecords }).then(
        (csv) => callback(null, { size, csv }),
        (error: unknown) => {
          if (size === 0) callback(null, { size });
          else callback(error instanceof CsvError ? unreadable(error) : error);
        },
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
