import { BatchDto, DamageReportDto, INGEST_CONTRACTS, SafetyAppraisalDto } from '@sanbao/contracts';
import { appraisalFinding, damageFinding } from '@sanbao/domain';
import { dayStart, kindHandler, SectorIngest } from '@sanbao/ingest';

/** Housing's records (县住建局): safety appraisals and disaster damage reports. */
export const HOUSING_INGEST: SectorIngest = {
  sector: 'housing',
  kinds: {
    appraisal: kindHandler<SafetyAppraisalDto, BatchDto>({
      contract: INGEST_CONTRACTS.housing.appraisal,
      recordId: (a) => a.appraisalId,
      observedAt: (a) => dayStart(a.appraisedOn),
      findings: (a, _batch, rules) => appraisalFinding(a, rules.housing),
    }),
    damage: kindHandler<DamageReportDto, BatchDto>({
      contract: INGEST_CONTRACTS.housing.damage,
      recordId: (r) => r.reportId,
      observedAt: (r) => dayStart(r.occurredOn),
      findings: (r, _batch, rules) => damageFinding(r, rules.housing),
    }),
  },
};
