import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { ActsController } from './acts.controller';
import { IssueHistoryService } from './history.service';
import { IssueActsService } from './issue-acts.service';
import { IssueReadsService } from './issue-reads.service';
import { IssuesController } from './issues.controller';
import { LedgerRepository } from './ledger.repository';
import { RegisterPaperService } from './register-paper';
import { WorkController } from './work.controller';

@Module({
  imports: [AdminModule],
  controllers: [IssuesController, ActsController, WorkController],
  providers: [
    LedgerRepository,
    IssueActsService,
    IssueReadsService,
    IssueHistoryService,
    RegisterPaperService,
  ],
  exports: [LedgerRepository],
})
export class IssuesModule {}
