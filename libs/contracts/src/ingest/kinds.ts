import type { Sector } from '@sanbao/domain';
import { BatchDto, RosterBatchDto } from './batch';
import { DisabledChildReportDto, RosterChildDto, StudentAidReportDto } from './education';
import { DamageReportDto, SafetyAppraisalDto } from './housing';
import { ChronicPatientReportDto, DischargeSettlementDto, PremiumReportDto } from './medical';
import { WorksStatusReportDto } from './water';
import {
  AID_HEADINGS,
  APPRAISAL_HEADINGS,
  CHRONIC_HEADINGS,
  DAMAGE_HEADINGS,
  DISABILITY_HEADINGS,
  PREMIUM_HEADINGS,
  ROSTER_HEADINGS,
  SETTLEMENT_HEADINGS,
  type KindHeadings,
} from './headings';

/**
 * Every kind of record a sector service takes: HTTP `POST /ingest/<kind>` (and
 * `/ingest/<kind>/csv` where `csv` is true) and NATS request/reply on
 * `<prefix>.ingest.<sector>.<kind>`. The envelope holds `records`; each record is a `record`.
 */
export interface IngestKindContract {
  sector: Sector;
  kind: string;
  title: string;
  envelope: new () => BatchDto;
  record: new () => object;
  /** flat records can come as a CSV upload, one column per field */
  csv: boolean;
  /** Chinese headings of the flat kinds' columns (templates, uploads, error sheets) */
  headings?: KindHeadings;
}

function contract(
  sector: Sector,
  kind: string,
  title: string,
  record: new () => object,
  options: { envelope?: new () => BatchDto; csv?: boolean; headings?: KindHeadings } = {},
): IngestKindContract {
  return {
    sector,
    kind,
    title,
    record,
    envelope: options.envelope ?? BatchDto,
    csv: options.csv ?? true,
    ...(options.headings ? { headings: options.headings } : {}),
  };
}

export const INGEST_CONTRACTS = {
  education: {
    roster: contract('education', 'roster', 'Term-start roster comparison', RosterChildDto, {
      envelope: RosterBatchDto,
      headings: ROSTER_HEADINGS,
    }),
    disability: contract(
      'education',
      'disability',
      'Disabled child education placement',
      DisabledChildReportDto,
      { headings: DISABILITY_HEADINGS },
    ),
    aid: contract('education', 'aid', 'Student aid of a watched household', StudentAidReportDto, {
      headings: AID_HEADINGS,
    }),
  },
  medical: {
    settlement: contract('medical', 'settlement', 'Discharge settlement', DischargeSettlementDto, {
      headings: SETTLEMENT_HEADINGS,
    }),
    chronic: contract('medical', 'chronic', 'Chronic patient coverage', ChronicPatientReportDto, {
      headings: CHRONIC_HEADINGS,
    }),
    premium: contract('medical', 'premium', 'Basic insurance premium', PremiumReportDto, {
      headings: PREMIUM_HEADINGS,
    }),
  },
  housing: {
    appraisal: contract('housing', 'appraisal', 'House safety appraisal', SafetyAppraisalDto, {
      headings: APPRAISAL_HEADINGS,
    }),
    damage: contract('housing', 'damage', 'Disaster damage report', DamageReportDto, {
      headings: DAMAGE_HEADINGS,
    }),
  },
  water: {
    status: contract('water', 'status', 'Supply works status report', WorksStatusReportDto, {
      csv: false,
    }),
  },
} satisfies Record<Sector, Record<string, IngestKindContract>>;

export function ingestContract(sector: Sector, kind: string): IngestKindContract | undefined {
  const kinds = INGEST_CONTRACTS[sector] as Record<string, IngestKindContract>;
  return Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
}
