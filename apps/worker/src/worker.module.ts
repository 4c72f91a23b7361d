import { Module } from '@nestjs/common';
import { IssueActivitiesModule } from './activities';
import { WorkerService } from './worker.service';

@Module({ imports: [IssueActivitiesModule], providers: [WorkerService], exports: [WorkerService] })
export class WorkerModule {}
