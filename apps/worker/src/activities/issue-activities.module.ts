import { Module } from '@nestjs/common';
import { IssueActivitiesService } from './issue-activities.service';
import { IssueEventPublisher } from './issue-events.publisher';
import { IssueRecordsRepository } from './issue-records.repository';

/** The issue workflow's activities; needs the global Database and NatsService. */
@Module({
  providers: [IssueRecordsRepository, IssueEventPublisher, IssueActivitiesService],
  exports: [IssueActivitiesService],
})
export class IssueActivitiesModule {}
