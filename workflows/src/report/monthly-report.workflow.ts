import { proxyActivities } from '@temporalio/workflow';
import { localDate } from '@sanbao/domain';
import {
  previousMonth,
  type MonthlyReport,
  type MonthlyReportInput,
  type ReportActivities,
} from './definitions';

const { produceMonthlyReport } = proxyActivities<ReportActivities>({
  // Counting a month of the audit trail is one query and a pass over it; a busy county's
  // database may take a while, and a retry simply counts again.
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One monthly report (月报). The schedule starts it on the 1st of each month without a month:
 * it reports the month before, in the county's calendar. The API starts it for any month.
 */
export async function monthlyReportWorkflow(input: MonthlyReportInput): Promise<MonthlyReport> {
  const month = input.month ?? previousMonth(localDate(input, new Date(Date.now())));
  return produceMonthlyReport({ ...input, month });
}
