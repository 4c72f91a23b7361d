import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import {
  checkAs,
  INGEST_CONTRACTS,
  type IngestKindContract,
  type IngestReply,
  type RejectedRecord,
} from '@sanbao/contracts';
import { isSector, type Sector } from '@sanbao/domain';
import {
  csvContract,
  errorWorkbook,
  ingestCsv,
  IngestError,
  templateCsv,
  templateWorkbook,
  type UploadedCsv,
} from '@sanbao/ingest';
import { BureauUploadEntity, Database } from '@sanbao/persistence';
import { randomUUID } from 'crypto';
import { getMetadataStorage } from 'class-validator';
import { ApiError } from '../common/api.errors';
import { relaySlice, RelayRefused, type SectorEndpoint } from './sector-relay';
import { uploadView, type BureauFileKind, type BureauUpload } from './upload-view';

/** Records sent to the sector service in one request: the progress moves a slice at a time. */
export const RELAY_SLICE = 500;

/** The upload as multer hands it over: the parsed rows and the browser's name of the file. */
export type ReceivedFile = UploadedCsv & { originalname?: string };

/**
 * Bureau officers' files from the console. The API reads the file as the sector services do
 * (libs/ingest: CSV in UTF-8 or GB18030, or .xlsx, streamed, the same limits), answers at once
 * with the upload's id, and relays the records to the sector service a slice at a time over
 * its JSON ingest route, with the API's machine key for that sector (docs/architecture.md,
 * "Console uploads"): the sector rules and the signals stay the sector service's. Progress,
 * counts and rejected rows are kept in bureau_upload, so any API instance can answer.
 */
@Injectable()
export class BureauFilesService implements OnModuleDestroy {
  private readonly logger = new Logger('BureauFiles');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The kinds a sector takes as files, with the fields the upload's form adds. */
  kinds(sector: string): BureauFileKind[] {
    return fileKinds(checkedSector(sector));
  }

  async template(sector: string, kind: string, format: 'xlsx' | 'csv') {
    const contract = this.contractOf(sector, kind);
    const title = contract.headings?.title ?? kind;
    const bytes = format === 'xlsx' ? await templateWorkbook(contract) : templateCsv(contract);
    return { bytes, name: `${title}-模板.${format}`, ascii: `${kind}-template.${format}` };
  }

  /** Takes a read file: checks the form, keeps the upload, starts the relay; idempotent. */
  async start(
    principal: Principal,
    sector: string,
    kind: string,
    file: ReceivedFile | undefined,
    fields: Record<string, unknown>,
  ): Promise<{ upload: BureauUpload; created: boolean }> {
    const known = checkedSector(sector);
    const contract = this.contractOf(known, kind);
    const { requestId, ...form } = fields ?? {};
    if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
      throw new ApiError('invalid_content', 'the upload has invalid fields', {
        requestId: ['requestId must be a UUID (one per upload; send it again to retry)'],
      });
    }
    const repository = this.repository();
    const existing = await repository.findOneBy({ userId: principal.userId, requestId });
    if (existing) return { upload: this.sameRequest(existing, known, kind), created: false };
    const source = ingestCsv(known, kind, file, form);
    const body = source.body as { records: unknown[] };
    const envelope = checkAs(contract.envelope, { ...body, records: [] });
    if (!envelope.ok) {
      throw new ApiError(
        'invalid_content',
        'the upload has invalid fields',
        fieldsOf(envelope.errors),
      );
    }
    const max = this.config.ingest.maxRecords;
    if (source.overLimit || body.records.length > max) {
      throw new ApiError('invalid_content', `a file may hold at most ${max} rows; split it`, {
        file: [`file must hold at most ${max} rows`],
      });
    }
    const endpoint = this.endpoint(known);
    const row = repository.create({
      id: randomUUID(),
      userId: principal.userId,
      requestId,
      sector: known,
      kind,
      fileName: cleanName(file?.originalname),
      format: file?.format ?? 'csv',
      status: 'checking',
      received: body.records.length,
      processed: 0,
      accepted: 0,
      signalsRaised: 0,
      duplicateSignals: 0,
      rejected: [],
      failure: null,
    });
    const inserted = await repository
      .createQueryBuilder()
      .insert()
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      // The same request, sent twice at once: the first one's upload.
      const first = await repository.findOneByOrFail({ userId: principal.userId, requestId });
      return { upload: this.sameRequest(first, known, kind), created: false };
    }
    const batchFields = { ...(envelope.value as unknown as Record<string, unknown>) };
    delete batchFields.records;
    this.track(this.relay(row.id, endpoint, kind, batchFields, body.records, source.csvLines));
    const saved = await repository.findOneByOrFail({ id: row.id });
    return { upload: uploadView(saved), created: true };
  }

  async find(
    principal: Principal,
    sector: string,
    kind: string,
    id: string,
  ): Promise<BureauUpload> {
    return uploadView(await this.own(principal, sector, kind, id));
  }

  /** The rejected rows as the sector services' error sheet (row, column, reason in Chinese). */
  async errorSheet(principal: Principal, sector: string, kind: string, id: string) {
    const row = await this.own(principal, sector, kind, id);
    const reply: IngestReply = {
      sector: row.sector,
      kind: row.kind,
      received: row.received,
      accepted: row.accepted,
      rejected: row.rejected,
      signalsRaised: row.signalsRaised,
      duplicateSignals: row.duplicateSignals,
    };
    const bytes = await errorWorkbook(this.contractOf(row.sector, row.kind), reply);
    return { bytes, name: `${kind}-错误.xlsx`, ascii: `${kind}-errors.xlsx` };
  }

  async onModuleDestroy(): Promise<void> {
    // A relay under way finishes its slice and stops with the process; wait a little for it.
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
  }

  private async relay(
    id: string,
    endpoint: SectorEndpoint,
    kind: string,
    envelope: Record<string, unknown>,
    records: unknown[],
    lines: number[] | undefined,
  ): Promise<void> {
    try {
      for (let offset = 0; offset < records.length; offset += RELAY_SLICE) {
        const slice = records.slice(offset, offset + RELAY_SLICE);
        const reply = await relaySlice(endpoint, kind, { ...envelope, records: slice });
        const rejected: RejectedRecord[] = reply.rejected.map((r) => {
          const index = offset + r.index;
          const line = lines?.[index];
          return { index, ...(line !== undefined ? { line } : {}), errors: r.errors };
        });
        await this.database.source.query(
          `UPDATE bureau_upload SET processed = processed + $2, accepted = accepted + $3,
             signals_raised = signals_raised + $4, duplicate_signals = duplicate_signals + $5,
             rejected = rejected || $6::jsonb, updated_at = now(),
             status = CASE WHEN processed + $2 >= received THEN 'done' ELSE status END
           WHERE id = $1`,
          [
            id,
            slice.length,
            reply.accepted,
            reply.signalsRaised,
            reply.duplicateSignals,
            JSON.stringify(rejected),
          ],
        );
      }
      if (records.length === 0) {
        await this.database.source.query(
          `UPDATE bureau_upload SET status = 'done', updated_at = now() WHERE id = $1`,
          [id],
        );
      }
    } catch (error) {
      const failure =
        error instanceof RelayRefused
          ? { code: error.code, message: error.message }
          : { code: 'internal', message: 'the upload stopped on our side; send it again' };
      if (!(error instanceof RelayRefused)) {
        this.logger.error(`upload ${id}: ${error instanceof Error ? error.name : 'error'}`);
      }
      await this.database.source
        .query(
          `UPDATE bureau_upload SET status = 'failed', failure = $2::jsonb, updated_at = now()
           WHERE id = $1`,
          [id, JSON.stringify(failure)],
        )
        .catch(() => undefined);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private endpoint(sector: Sector): SectorEndpoint {
    const service = this.config.sectorServices[sector];
    if (!service.uploadKey) {
      throw new ApiError(
        'unavailable',
        `uploads of ${sector} files are not set up (SECTOR_UPLOAD_KEYS has no key for ${sector})`,
      );
    }
    return { sector, url: service.url, key: service.uploadKey };
  }

  private contractOf(sector: string, kind: string) {
    try {
      return csvContract(checkedSector(sector), kind);
    } catch (error) {
      if (error instanceof IngestError) throw new ApiError('not_found', error.message);
      throw error;
    }
  }

  private sameRequest(row: BureauUploadEntity, sector: string, kind: string): BureauUpload {
    if (row.sector !== sector || row.kind !== kind) {
      throw new ApiError('conflict', 'this requestId was used for another upload');
    }
    return uploadView(row);
  }

  private async own(principal: Principal, sector: string, kind: string, id: string) {
    const row = UUID.test(id)
      ? await this.repository().findOneBy({ id, userId: principal.userId })
      : null;
    if (!row || row.sector !== sector || row.kind !== kind) {
      throw new ApiError('not_found', 'no such upload of yours');
    }
    return row;
  }

  private repository() {
    return this.database.source.getRepository(BureauUploadEntity);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID = UUID;

function checkedSector(sector: string): Sector {
  if (!isSector(sector)) throw new ApiError('not_found', `no sector ${sector}`);
  return sector;
}

function fieldsOf(errors: Array<{ field: string; messages: string[] }>): Record<string, string[]> {
  return Object.fromEntries(errors.map((e) => [e.field || 'body', e.messages]));
}

/** The browser's file name, made safe to show: UTF-8 (busboy hands Latin-1), no controls. */
function cleanName(name: string | undefined): string {
  if (!name) return '';
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  const readable = utf8.includes('\uFFFD') ? name : utf8;
  // eslint-disable-next-line no-control-regex
  return readable.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

/** The kinds of a sector that come as files, and the form fields of each one's envelope. */
function fileKinds(sector: Sector): BureauFileKind[] {
  return Object.values(INGEST_CONTRACTS[sector] as Record<string, IngestKindContract>)
    .filter((contract) => contract.csv)
    .map((contract) => {
      const metadata = getMetadataStorage().getTargetValidationMetadatas(
        contract.envelope,
        '',
        true,
        false,
      );
      const names = [...new Set(metadata.map((m) => m.propertyName))].filter(
        (n) => n !== 'records',
      );
      const optional = new Set(
        metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
      );
      return {
        kind: contract.kind,
        title: contract.headings?.title ?? contract.title,
        fields: names.map((name) => ({ name, required: !optional.has(name) })),
      };
    });
}
