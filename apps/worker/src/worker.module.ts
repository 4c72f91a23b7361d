import { Module } from '@nestjs/common';
import { IssueActivitiesModule } from './activities';
import { ReportActivitiesService } from './activities/report-activities.service';
import { ActivityMetrics } from './activity-metrics';
import { WorkerService } from './worker.service';

@Module({
  imports: [IssueActivitiesModule],
  providers: [WorkerService, ReportActivitiesService, ActivityMetrics],
  exports: [WorkerService],
})
export class WorkerModule {}
