import { Module } from '@nestjs/common';
import { IssueActivitiesModule } from './activities';
import { ReportActivitiesService } from './activities/report-activities.service';
import { ActivityMetrics } from './activity-metrics';
import { ReconciliationScheduleService } from '@sanbao/temporal';
import { IssueRepairsService } from './reconciliation/issue-repairs.service';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { WorkerService } from './worker.service';

@Module({
  imports: [IssueActivitiesModule],
  providers: [
    WorkerService,
    ReportActivitiesService,
    ActivityMetrics,
    IssueRepairsService,
    ReconciliationService,
    ReconciliationScheduleService,
  ],
  exports: [WorkerService],
})
export class WorkerModule {}
