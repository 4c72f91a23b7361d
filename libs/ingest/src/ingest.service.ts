import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@sanbao/config';
import {
  BatchDto,
  buildSignal,
  checkAs,
  IngestReply,
  RejectedRecord,
  RiskSignal,
} from '@sanbao/contracts';
import { jsonShapeProblem, MAX_JSON_DEPTH } from '@sanbao/domain';
import { Metrics } from '@sanbao/runtime';
import { IngestError } from './ingest.error';
import { SectorIngest } from './sector-ingest';
import { SignalPublisher } from './signal-publisher';

export const SECTOR_INGEST = Symbol('SECTOR_INGEST');

/** Where a batch's records came from: a JSON body, or a CSV file (with each row's line). */
export interface BatchSource {
  body: unknown;
  csvLines?: number[];
  /** CSV: the file held more rows than a batch may (reading stopped past the limit) */
  overLimit?: boolean;
}

/**
 * One batch of a sector's records: check the envelope, check each record on its own, apply
 * the sector rule to the good ones, publish the signals. Bad records are reported, never fatal.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger('Ingest');
  private readonly records;
  private readonly signals;

  constructor(
    @Inject(SECTOR_INGEST) private readonly sector: SectorIngest,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publisher: SignalPublisher,
    metrics: Metrics,
  ) {
    this.records = metrics.counter({
      name: 'sanbao_ingest_records_total',
      help: 'Records of batches the envelope check let through, by kind and outcome (accepted or rejected)',
      labelNames: ['kind', 'outcome'],
    });
    this.signals = metrics.counter({
      name: 'sanbao_ingest_signals_total',
      help: 'Signals published on the stream, by kind and result: raised, or duplicate (JetStream already held it)',
      labelNames: ['kind', 'result'],
    });
  }

  get sectorName(): string {
    return this.sector.sector;
  }

  kinds(): string[] {
    return Object.keys(this.sector.kinds);
  }

  async ingest(kind: string, source: BatchSource): Promise<IngestReply> {
    const handler = Object.prototype.hasOwnProperty.call(this.sector.kinds, kind)
      ? this.sector.kinds[kind]
      : undefined;
    if (!handler) {
      throw new IngestError(
        'unknown_kind',
        `${this.sector.sector} takes these kinds: ${this.kinds().join(', ')}`,
      );
    }
    // Before any transform: class-transformer recurses, and a 5,000-deep body would overflow
    // the stack (a crash, once answered as "unavailable, send it again") instead of a 400.
    const tooDeep = jsonShapeProblem(source.body, { maxDepth: MAX_JSON_DEPTH });
    if (tooDeep) {
      throw new IngestError('invalid_batch', `the batch ${tooDeep}`, [
        { field: 'body', messages: [tooDeep] },
      ]);
    }
    const envelope = checkAs(handler.contract.envelope, source.body);
    if (!envelope.ok) {
      throw new IngestError('invalid_batch', 'the batch is not valid', envelope.errors);
    }
    const batch: BatchDto = envelope.value;
    const max = this.config.ingest.maxRecords;
    if (source.overLimit || batch.records.length > max) {
      const held = source.overLimit ? `more than ${max}` : batch.records.length;
      throw new IngestError(
        'too_many_records',
        `a batch may hold at most ${max} records; split it (it held ${held})`,
      );
    }
    const rejected: RejectedRecord[] = [];
    const signals: RiskSignal[] = [];
    const publishedAt = new Date().toISOString();
    batch.records.forEach((raw, index) => {
      const checked = checkAs(handler.contract.record, raw);
      if (!checked.ok) {
        const line = source.csvLines?.[index];
        rejected.push({ index, ...(line !== undefined ? { line } : {}), errors: checked.errors });
        return;
      }
      const record = checked.value;
      const recordId = handler.recordId(record, batch);
      const observedAt = handler.observedAt(record, batch);
      const raised = handler.findings(record, batch, this.config.sectorRules) ?? [];
      for (const finding of Array.isArray(raised) ? raised : [raised]) {
        const sourceRecord = {
          system: this.sector.sector,
          recordType: kind,
          // water: one report names several villages, each its own source record
          recordId:
            finding.subject.kind === 'village' ? `${recordId}:${finding.subject.id}` : recordId,
          ...(batch.batchId ? { batchId: batch.batchId } : {}),
        };
        signals.push(buildSignal(finding, sourceRecord, observedAt, publishedAt));
      }
    });
    const accepted = batch.records.length - rejected.length;
    this.records.inc({ kind, outcome: 'accepted' }, accepted);
    this.records.inc({ kind, outcome: 'rejected' }, rejected.length);
    const reply: IngestReply = {
      sector: this.sector.sector,
      kind,
      ...(batch.batchId ? { batchId: batch.batchId } : {}),
      received: batch.records.length,
      accepted,
      rejected,
      signalsRaised: 0,
      duplicateSignals: 0,
    };
    if (accepted === 0 && batch.records.length > 0) {
      throw new IngestError(
        'nothing_accepted',
        'no record of the batch was valid',
        undefined,
        reply,
      );
    }
    const published = await this.publisher.publish(signals);
    reply.signalsRaised = published.raised;
    reply.duplicateSignals = published.duplicate;
    this.signals.inc({ kind, result: 'raised' }, published.raised);
    this.signals.inc({ kind, result: 'duplicate' }, published.duplicate);
    // Counts only: records and signals may hold personal data.
    this.logger.log(
      `${this.sector.sector}.${kind}${batch.batchId ? ` batch ${batch.batchId}` : ''}: ` +
        `${reply.received} received, ${accepted} accepted, ${rejected.length} rejected, ` +
        `${published.raised} signals raised, ${published.duplicate} already raised`,
    );
    return reply;
  }
}
