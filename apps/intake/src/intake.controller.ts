import { Controller, Get } from '@nestjs/common';
import { IntakeStatus, IntakeStatusService } from './intake-status.service';

/** GET /metrics: the intake's counters and the dead letters the stream holds. */
@Controller('metrics')
export class IntakeMetricsController {
  constructor(private readonly status: IntakeStatusService) {}

  @Get()
  metrics(): Promise<IntakeStatus> {
    return this.status.current();
  }
}
