import { DynamicModule, Global, Module } from '@nestjs/common';
import { ISSUE_WORKFLOWS, TemporalIssueWorkflows } from './issue-workflows';
import { ReconciliationWorkflows } from './reconciliation-workflows';
import { ReportWorkflows } from './report-workflows';
import { TemporalClientService } from './temporal-client.service';

@Global()
@Module({})
export class TemporalModule {
  static forRoot(): DynamicModule {
    return {
      module: TemporalModule,
      providers: [
        TemporalClientService,
        { provide: ISSUE_WORKFLOWS, useClass: TemporalIssueWorkflows },
        ReportWorkflows,
        ReconciliationWorkflows,
      ],
      exports: [TemporalClientService, ISSUE_WORKFLOWS, ReportWorkflows, ReconciliationWorkflows],
    };
  }
}
