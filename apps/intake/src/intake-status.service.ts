import { Injectable } from '@nestjs/common';
import { DeadLetters } from './dead-letters';
import { IntakeMetrics } from './intake.metrics';

export interface IntakeStatus {
  consumer: IntakeMetrics['consumer'];
  startedAt: string;
  delivered: number;
  retries: number;
  waitsForTemporal: number;
  deadLetters: {
    /** since this process started, by reason */
    sinceStart: Record<string, number>;
    sinceStartTotal: number;
    /** all the intake's dead letters the stream holds; null when NATS cannot be asked */
    stored: number | null;
  };
  lastError?: { at: string; message: string };
}

@Injectable()
export class IntakeStatusService {
  constructor(
    private readonly metrics: IntakeMetrics,
    private readonly deadLetters: DeadLetters,
  ) {}

  async current(): Promise<IntakeStatus> {
    const m = this.metrics;
    return {
      consumer: m.consumer,
      startedAt: m.startedAt,
      delivered: m.delivered,
      retries: m.retries,
      waitsForTemporal: m.waitsForTemporal,
      deadLetters: {
        sinceStart: { ...m.deadLetters },
        sinceStartTotal: m.deadLetterCount,
        stored: await this.deadLetters.stored().catch(() => null),
      },
      ...(m.lastError ? { lastError: m.lastError } : {}),
    };
  }
}
