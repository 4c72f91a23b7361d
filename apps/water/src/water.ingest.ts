import { BatchDto, INGEST_CONTRACTS, WorksStatusReportDto } from '@sanbao/contracts';
import { worksStatusFindings } from '@sanbao/domain';
import { kindHandler, SectorIngest } from '@sanbao/ingest';

/** Water's records (县水利局): supply-works status reports, one signal per affected village. */
export const WATER_INGEST: SectorIngest = {
  sector: 'water',
  kinds: {
    status: kindHandler<WorksStatusReportDto, BatchDto>({
      contract: INGEST_CONTRACTS.water.status,
      recordId: (r) => r.reportId,
      observedAt: (r) => r.startedAt,
      findings: (r, _batch, rules) => worksStatusFindings(r, rules.water),
    }),
  },
};
