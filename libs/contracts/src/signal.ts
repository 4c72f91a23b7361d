import 'reflect-metadata';
import { ApiProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';
import { createHash } from 'crypto';
import { isSector, isSignalKind, RiskFinding, Sector, SECTORS } from '@sanbao/domain';
import {
  checkAs,
  FieldError,
  IsDateTime,
  IsFlag,
  IsHouseholdId,
  IsJsonData,
  IsKind,
  IsNested,
  IsOneOf,
  IsPattern,
  IsPersonRef,
  IsRegisterCode,
  IsText,
  IsTownshipCode,
  IsVillageCode,
} from './validation';

/**
 * A risk signal: what a sector service publishes on `<prefix>.signal.<sector>.<kind>` and the
 * intake turns into an issue. Version 1. The message id (Nats-Msg-Id) is `signalId`, a hash
 * of the content and the source record, so a record sent twice is one signal.
 */
export const SIGNAL_VERSION = 1;

export class SignalSubjectDto {
  @IsOneOf(['household', 'village'])
  kind: 'household' | 'village';

  /** the household number, or the village code for a village-wide signal (water) */
  @IsHouseholdId()
  id: string;

  @IsPersonRef({ optional: true })
  personRef?: string;

  @IsVillageCode()
  villageCode: string;

  @IsTownshipCode({ ofVillage: 'villageCode' })
  townshipCode: string;
}

export class SignalSourceDto {
  /** the sector service that raised the signal */
  @IsOneOf(SECTORS)
  system: Sector;

  /** the ingest kind the record came in as, e.g. roster, settlement */
  @IsRegisterCode(32)
  recordType: string;

  /** the bureau's record, e.g. "2026-autumn:P-0001" or a settlement number */
  @IsRegisterCode(200)
  recordId: string;

  @IsRegisterCode(100, { optional: true })
  batchId?: string;
}

export class SignalEvidenceDto {
  @IsText({ max: 1000, allowEmpty: true, multiline: true })
  description: string;

  /** the facts the rule used: amounts, grades, ages, attendance; flat in practice */
  @IsJsonData({ maxDepth: 8, maxKeys: 200, maxItems: 1000 })
  data: Record<string, unknown>;
}

export class SignalFlagsDto {
  @IsFlag({ optional: true })
  emergency?: boolean;

  @IsFlag({ optional: true })
  transitionalHousing?: boolean;
}

export class RiskSignalDto {
  @ApiProperty({ enum: [SIGNAL_VERSION], example: SIGNAL_VERSION })
  @Equals(SIGNAL_VERSION, { message: `version must be ${SIGNAL_VERSION}` })
  version: typeof SIGNAL_VERSION;

  /** hex SHA-256 of the content and source record; also the Nats-Msg-Id */
  @IsPattern(/^[0-9a-f]{64}$/, '$property must be 64 lower-case hex digits (SHA-256)')
  signalId: string;

  @IsOneOf(SECTORS)
  sector: Sector;

  @IsKind()
  kind: string;

  @IsOneOf(['general', 'major'])
  severityHint: 'general' | 'major';

  @IsNested(() => SignalSubjectDto)
  subject: SignalSubjectDto;

  @IsText({ max: 500, allowEmpty: true })
  summary: string;

  @IsNested(() => SignalFlagsDto, { optional: true })
  flags?: SignalFlagsDto;

  @IsNested(() => SignalSourceDto)
  source: SignalSourceDto;

  @IsNested(() => SignalEvidenceDto)
  evidence: SignalEvidenceDto;

  /** when the bureau's record says it happened (term start, discharge, report time) */
  @IsDateTime()
  observedAt: string;

  /** when the sector service published the signal; not part of the signal id */
  @IsDateTime()
  publishedAt: string;
}

/** The signal as plain data (the DTO's shape). */
export type RiskSignal = RiskSignalDto;

export interface SignalSource {
  system: Sector;
  recordType: string;
  recordId: string;
  batchId?: string;
}

/** A rule's finding wrapped for the wire, its id derived from its content. */
export function buildSignal(
  finding: RiskFinding,
  source: SignalSource,
  observedAt: string,
  publishedAt: string,
): RiskSignal {
  const body: Omit<RiskSignal, 'signalId' | 'publishedAt'> = {
    version: SIGNAL_VERSION,
    sector: finding.sector,
    kind: finding.kind,
    severityHint: finding.severityHint,
    subject: finding.subject,
    summary: finding.summary,
    ...(finding.flags ? { flags: finding.flags } : {}),
    source,
    evidence: { description: finding.summary, data: finding.facts },
    observedAt,
  };
  return { ...body, signalId: signalIdOf(body), publishedAt };
}

/**
 * The content hash: everything but the publishing time (and the batch, which only says which
 * delivery carried the record). Keys are sorted so the hash does not depend on field order.
 */
export function signalIdOf(signal: Omit<RiskSignal, 'signalId' | 'publishedAt'>): string {
  const { batchId: _batch, ...source } = signal.source;
  return createHash('sha256')
    .update(canonicalJson({ ...signal, source }))
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Why the intake could not use a message: the reason code of its dead letter. */
export type SignalRejection =
  | 'not_json'
  | 'unsupported_version'
  | 'unknown_sector'
  | 'unknown_kind'
  | 'subject_mismatch'
  | 'invalid_signal';

export type SignalCheck =
  | { ok: true; signal: RiskSignal }
  | { ok: false; reason: SignalRejection; message: string; errors?: FieldError[] };

/**
 * Reads a message from the signal stream: JSON, a version this intake knows, a known sector
 * and kind, the NATS subject agreeing with the body, and every field valid. The id is
 * recomputed so that a tampered body cannot pass for another signal.
 */
export function readSignal(
  data: Uint8Array | string,
  natsSubject?: string,
  prefix?: string,
): SignalCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
  } catch {
    return { ok: false, reason: 'not_json', message: 'the message is not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'not_json', message: 'the message is not a JSON object' };
  }
  const body = raw as Record<string, unknown>;
  if (body.version !== SIGNAL_VERSION) {
    return {
      ok: false,
      reason: 'unsupported_version',
      message: `version must be ${SIGNAL_VERSION}`,
    };
  }
  if (!isSector(body.sector)) {
    return {
      ok: false,
      reason: 'unknown_sector',
      message: `sector must be one of ${SECTORS.join(', ')}`,
    };
  }
  if (!isSignalKind(body.sector, body.kind)) {
    return {
      ok: false,
      reason: 'unknown_kind',
      message: `kind is not a ${body.sector} signal kind`,
    };
  }
  if (
    natsSubject &&
    prefix &&
    natsSubject !== `${prefix}.signal.${body.sector}.${String(body.kind)}`
  ) {
    return {
      ok: false,
      reason: 'subject_mismatch',
      message: 'the NATS subject does not match the sector and kind of the body',
    };
  }
  const checked = checkAs(RiskSignalDto, body);
  if (!checked.ok) {
    return {
      ok: false,
      reason: 'invalid_signal',
      message: 'the signal has invalid fields',
      errors: checked.errors,
    };
  }
  const signal = checked.value;
  const { signalId, publishedAt: _published, ...content } = signal;
  if (signalIdOf(content) !== signalId) {
    return {
      ok: false,
      reason: 'invalid_signal',
      message: 'signalId is not the hash of the signal content',
      errors: [{ field: 'signalId', messages: ['signalId must be the SHA-256 of the content'] }],
    };
  }
  if (signal.subject.kind === 'village' && signal.subject.id !== signal.subject.villageCode) {
    return {
      ok: false,
      reason: 'invalid_signal',
      message: 'a village signal names its village as the subject',
      errors: [{ field: 'subject.id', messages: ['subject.id must equal subject.villageCode'] }],
    };
  }
  return { ok: true, signal };
}
