import { Module } from '@nestjs/common';
import { APP_CONFIG } from '@sanbao/config';
import { NatsService } from '@sanbao/messaging';
import { TRANSPORT_SERVER } from '@sanbao/runtime';
import { TemporalClientService } from '@sanbao/temporal';
import { DeadLetters } from './dead-letters';
import { IntakeStatusController } from './intake.controller';
import { IntakeMetrics } from './intake.metrics';
import { IntakePrometheus } from './intake.prometheus';
import { IntakeStatusService } from './intake-status.service';
import { IssueStarter } from './issue-starter';
import { SignalController } from './signal.controller';
import { signalTransport } from './signal-transport';

@Module({
  controllers: [IntakeStatusController, SignalController],
  providers: [
    IntakeMetrics,
    IntakePrometheus,
    DeadLetters,
    IssueStarter,
    IntakeStatusService,
    {
      provide: TRANSPORT_SERVER,
      inject: [APP_CONFIG, NatsService, TemporalClientService, IntakeMetrics, IntakeStatusService],
      useFactory: signalTransport,
    },
  ],
  exports: [IntakeStatusService, IntakeMetrics, DeadLetters],
})
export class IntakeModule {}
