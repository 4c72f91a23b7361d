import type { BatchDto, IngestKindContract } from '@sanbao/contracts';
import type { RiskFinding, Sector, SectorRules } from '@sanbao/domain';

/**
 * How one sector service turns one kind of record into signals: the contract it takes, the
 * bureau's id of a record, when the record says it happened, and the sector rule to apply.
 */
export interface KindHandler<R extends object = object, E extends BatchDto = BatchDto> {
  contract: IngestKindContract;
  /** the bureau's id of the record; with the kind, it names the signal's source record */
  recordId(record: R, batch: E): string;
  /** ISO 8601 time the record describes (term start, discharge day, report time) */
  observedAt(record: R, batch: E): string;
  /** what the sector rule raises: one finding, several (water: a village each) or none */
  findings(record: R, batch: E, rules: SectorRules): RiskFinding | RiskFinding[] | null;
}

export interface SectorIngest {
  sector: Sector;
  kinds: Record<string, KindHandler>;
}

/** Keeps a handler's record and envelope types while storing it beside the others. */
export function kindHandler<R extends object, E extends BatchDto>(
  handler: KindHandler<R, E>,
): KindHandler {
  return handler;
}

/** The county's days are China Standard Time (UTC+8 all year): a date's start as an instant. */
export function dayStart(date: string): string {
  return `${date}T00:00:00+08:00`;
}
