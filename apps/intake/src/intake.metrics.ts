import { Injectable } from '@nestjs/common';

/**
 * The intake's counters since the process started (the stream holds the lasting record): read
 * by the JSON status (GET /status) and mirrored to Prometheus (intake.prometheus.ts).
 */
@Injectable()
export class IntakeMetrics {
  readonly startedAt = new Date().toISOString();
  /** signal messages taken from the stream, redeliveries included */
  received = 0;
  /** signals Temporal accepted (an issue opened, or evidence appended to an open one) */
  delivered = 0;
  /** messages put on the dead-letter stream, by reason */
  deadLetters: Record<string, number> = {};
  /** deliveries that failed and were handed back to the stream for another try */
  retries = 0;
  /** deliveries held back because Temporal could not be reached */
  waitsForTemporal = 0;
  lastError?: { at: string; message: string };
  consumer: 'starting' | 'running' | 'waiting_for_temporal' | 'stopping' | 'stopped' = 'starting';

  get deadLetterCount(): number {
    return Object.values(this.deadLetters).reduce((sum, n) => sum + n, 0);
  }

  countDeadLetter(reason: string): void {
    this.deadLetters[reason] = (this.deadLetters[reason] ?? 0) + 1;
  }
}
