import { Module } from '@nestjs/common';
import { IssueActivitiesService, IssueEventPublisher, IssueRecordsRepository } from './activities';
import { WorkerService } from './worker.service';

@Module({
  providers: [IssueRecordsRepository, IssueEventPublisher, IssueActivitiesService, WorkerService],
  exports: [WorkerService, IssueActivitiesService],
})
export class WorkerModule {}
