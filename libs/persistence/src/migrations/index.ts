import { IssueLedger1767225600000 } from './1767225600000-issue-ledger';
import { PeopleAndReports1767312000000 } from './1767312000000-people-and-reports';
import { MachineKey1767398400000 } from './1767398400000-machine-key';
import { IssueOpenings1767484800000 } from './1767484800000-issue-openings';
import { TokenVersion1767600000000 } from './1767600000000-token-version';
import { ReadIndexes1767686400000 } from './1767686400000-read-indexes';
import { ReadCounts1767686400001 } from './1767686400001-read-counts';
import { IssueOutbox1767772800000 } from './1767772800000-issue-outbox';
import { ReportVersions1767945600000 } from './1767945600000-report-versions';
import { Reconciliation1768032000000 } from './1768032000000-reconciliation';
import { ReadFilterIndexes1768118400000 } from './1768118400000-read-filter-indexes';
import { LedgerSentBack1768204800140 } from './1768204800140-ledger-sent-back';
import { CountRouting1768204800141 } from './1768204800141-count-routing';
import { LateEntryCounts1768291200000 } from './1768291200000-late-entry-counts';
import { BureauUpload1768377600000 } from './1768377600000-bureau-upload';
import { LedgerSortIndexes1768377600170 } from './1768377600170-ledger-sort-indexes';
import { WorkListIndexes1768464000000 } from './1768464000000-work-list-indexes';

/** Migrations in the order they run. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: Function[] = [
  IssueLedger1767225600000,
  PeopleAndReports1767312000000,
  MachineKey1767398400000,
  IssueOpenings1767484800000,
  TokenVersion1767600000000,
  ReadIndexes1767686400000,
  ReadCounts1767686400001,
  IssueOutbox1767772800000,
  ReportVersions1767945600000,
  Reconciliation1768032000000,
  ReadFilterIndexes1768118400000,
  LedgerSentBack1768204800140,
  CountRouting1768204800141,
  LateEntryCounts1768291200000,
  BureauUpload1768377600000,
  LedgerSortIndexes1768377600170,
  WorkListIndexes1768464000000,
];
