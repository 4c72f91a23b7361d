import { Module } from '@nestjs/common';
import { streamNames } from '@sanbao/contracts';
import { JetStreamEventClient, NatsService } from '@sanbao/messaging';
import { IssueActivitiesService } from './issue-activities.service';
import { ISSUE_EVENTS_CLIENT, IssueEventPublisher } from './issue-events.publisher';
import { IssueFlushService } from './issue-flush.service';
import { IssueOutboxRelay } from './issue-outbox.relay';
import { IssueRecordsRepository } from './issue-records.repository';

/** The issue workflow's activities; needs the global Database and NatsService. */
@Module({
  providers: [
    IssueRecordsRepository,
    IssueEventPublisher,
    IssueActivitiesService,
    IssueFlushService,
    IssueOutboxRelay,
    {
      provide: ISSUE_EVENTS_CLIENT,
      inject: [NatsService],
      useFactory: (nats: NatsService) =>
        new JetStreamEventClient(nats, {
          prefix: nats.prefix,
          stream: streamNames(nats.prefix).issueEvents,
          // Once per process; a failed attempt (NATS away) is tried again on the next publish.
          prepare: () => nats.ensureStreams(),
        }),
    },
  ],
  exports: [IssueActivitiesService, IssueOutboxRelay, IssueFlushService],
})
export class IssueActivitiesModule {}
