import {
  BatchDto,
  ChronicPatientReportDto,
  DischargeSettlementDto,
  INGEST_CONTRACTS,
  PremiumReportDto,
} from '@sanbao/contracts';
import { chronicFinding, premiumFinding, settlementFinding } from '@sanbao/domain';
import { dayStart, kindHandler, SectorIngest } from '@sanbao/ingest';

/** Medical's records (县医保局, 县卫健局): discharge settlements, chronic patients, premiums. */
export const MEDICAL_INGEST: SectorIngest = {
  sector: 'medical',
  kinds: {
    settlement: kindHandler<DischargeSettlementDto, BatchDto>({
      contract: INGEST_CONTRACTS.medical.settlement,
      recordId: (s) => s.settlementId,
      observedAt: (s) => dayStart(s.dischargeDate),
      findings: (s, _batch, rules) => settlementFinding(s, rules.medical),
    }),
    chronic: kindHandler<ChronicPatientReportDto, BatchDto>({
      contract: INGEST_CONTRACTS.medical.chronic,
      recordId: (r) => r.reportId,
      observedAt: (r) => dayStart(r.diagnosedOn),
      findings: (r, _batch, rules) => chronicFinding(r, rules.medical),
    }),
    premium: kindHandler<PremiumReportDto, BatchDto>({
      contract: INGEST_CONTRACTS.medical.premium,
      recordId: (r) => r.reportId,
      observedAt: (r) => dayStart(`${r.insuranceYear}-01-01`),
      findings: (r, _batch, rules) => premiumFinding(r, rules.medical),
    }),
  },
};
