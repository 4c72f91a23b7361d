import { Controller, Get } from '@nestjs/common';
import { IntakeStatus, IntakeStatusService } from './intake-status.service';

/**
 * GET /status: the intake's counters, the dependency that failed and the error still in force,
 * as JSON for an operator (GET /metrics has the same counts for Prometheus).
 */
@Controller('status')
export class IntakeStatusController {
  constructor(private readonly status: IntakeStatusService) {}

  @Get()
  current(): Promise<IntakeStatus> {
    return this.status.current();
  }
}
