// Every workflow the worker registers. Workflow code only: deterministic, no I/O.
export * from './ping.workflow';
export * from './issue/definitions';
export * from './issue/issue.workflow';
// Constants only (no functions, which the worker would take for workflow types): the API maps
// an act's rejection code to an HTTP status.
export { ACT_REJECTIONS, type ActRejectionCode } from './issue/rejections';
export * from './report/monthly-report.workflow';
export {
  MONTHLY_REPORT_WORKFLOW_TYPE,
  type MonthlyFigures,
  type MonthlyReport,
  type MonthlyReportInput,
  type MonthlyReportRow,
  type ReportActivities,
  type ReportCorrection,
  type StageDays,
} from './report/definitions';
export * from './reconciliation/reconciliation.workflow';
export {
  FINDINGS_LIMIT,
  RECONCILIATION_WORKFLOW_TYPE,
  type FindingKind,
  type ReconciliationActivities,
  type ReconciliationFinding,
  type ReconciliationInput,
  type ReconciliationReport,
} from './reconciliation/definitions';
