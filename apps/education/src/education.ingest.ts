import {
  BatchDto,
  DisabledChildReportDto,
  INGEST_CONTRACTS,
  RosterBatchDto,
  RosterChildDto,
  StudentAidReportDto,
} from '@sanbao/contracts';
import { compareRosterChild, disabledChildFinding, studentAidFinding } from '@sanbao/domain';
import { dayStart, kindHandler, SectorIngest } from '@sanbao/ingest';

/** Education's records (县教科局): the term-start roster and the single reports. */
export const EDUCATION_INGEST: SectorIngest = {
  sector: 'education',
  kinds: {
    roster: kindHandler<RosterChildDto, RosterBatchDto>({
      contract: INGEST_CONTRACTS.education.roster,
      // One case per child per term (一人一案).
      recordId: (child, batch) => `${batch.term}:${child.personRef}`,
      observedAt: (_child, batch) => dayStart(batch.termStart),
      findings: (child, batch, rules) => compareRosterChild(batch, child, rules.education).raised,
    }),
    disability: kindHandler<DisabledChildReportDto, BatchDto>({
      contract: INGEST_CONTRACTS.education.disability,
      recordId: (report) => report.reportId,
      observedAt: (report) => dayStart(report.assessedOn),
      findings: (report, _batch, rules) => disabledChildFinding(report, rules.education),
    }),
    aid: kindHandler<StudentAidReportDto, BatchDto>({
      contract: INGEST_CONTRACTS.education.aid,
      recordId: (report) => report.reportId,
      observedAt: (report) => dayStart(termStartOf(report.term)),
      findings: (report, _batch, rules) => studentAidFinding(report, rules.education),
    }),
  },
};

/** The nominal first day of a term label: autumn 1 September, spring 1 March. */
function termStartOf(term: string): string {
  const [year, season] = term.split('-');
  return season === 'autumn' ? `${year}-09-01` : `${year}-03-01`;
}
