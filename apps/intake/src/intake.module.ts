import { Module } from '@nestjs/common';
import { DeadLetters } from './dead-letters';
import { IntakeMetricsController } from './intake.controller';
import { IntakeMetrics } from './intake.metrics';
import { IntakeStatusService } from './intake-status.service';
import { IssueStarter } from './issue-starter';
import { SignalConsumer } from './signal-consumer.service';

@Module({
  controllers: [IntakeMetricsController],
  providers: [IntakeMetrics, DeadLetters, IssueStarter, SignalConsumer, IntakeStatusService],
  exports: [IntakeStatusService, IntakeMetrics, DeadLetters],
})
export class IntakeModule {}
