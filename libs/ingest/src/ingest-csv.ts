import { ingestContract } from '@sanbao/contracts';
import { isSector } from '@sanbao/domain';
import { CsvError, csvRecords } from './csv';
import { IngestError } from './ingest.error';
import type { BatchSource } from './ingest.service';

/** A CSV upload as a batch: the form fields make the envelope, the file's rows the records. */
export function ingestCsv(
  sector: string,
  kind: string,
  file: Buffer | undefined,
  fields: Record<string, unknown> | undefined,
): BatchSource {
  const contract = isSector(sector) ? ingestContract(sector, kind) : undefined;
  if (!contract) throw new IngestError('unknown_kind', `${sector} takes no kind ${kind}`);
  if (!contract.csv) {
    throw new IngestError('invalid_batch', `${kind} records are nested: send them as JSON`);
  }
  if (!file || file.length === 0) {
    throw new IngestError('invalid_batch', 'the upload needs a CSV file in the form field "file"', [
      { field: 'file', messages: ['file must be a CSV file with a header line'] },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new IngestError('invalid_batch', 'the CSV file must be UTF-8 text', [
      { field: 'file', messages: ['file must be UTF-8 (save the spreadsheet as "CSV UTF-8")'] },
    ]);
  }
  try {
    const { records, lines } = csvRecords(text, contract.record);
    return { body: { ...(fields ?? {}), records }, csvLines: lines };
  } catch (error) {
    if (error instanceof CsvError) {
      throw new IngestError('invalid_batch', 'the CSV file cannot be read', [
        { field: 'file', messages: [error.message] },
      ]);
    }
    throw error;
  }
}
