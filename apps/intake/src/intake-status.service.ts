import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { hashIssueKeysAs, redactIssueKeys } from '@sanbao/runtime';
import { issueWorkflowId } from '@sanbao/temporal';
import { DeadLetters } from './dead-letters';
import { IntakeMetrics } from './intake.metrics';

/** What the intake depends on to turn a signal into an issue. */
export type IntakeDependency = 'nats' | 'temporal';

export interface DependencyState {
  /** unknown until the first call through it succeeds or fails */
  state: 'unknown' | 'up' | 'down';
  /** when it last changed state */
  since?: string;
}

export interface IntakeStatus {
  /** `waiting_for_nats` while the signal stream cannot be read or acknowledged */
  consumer: IntakeMetrics['consumer'] | 'waiting_for_nats';
  startedAt: string;
  delivered: number;
  retries: number;
  /** deliveries held back because Temporal could not be reached */
  waitsForTemporal: number;
  /** times the stream could not be read or a delivery acknowledged (NATS away or timing out) */
  waitsForNats: number;
  dependencies: Record<IntakeDependency, DependencyState>;
  deadLetters: {
    /** since this process started, by reason */
    sinceStart: Record<string, number>;
    sinceStartTotal: number;
    /** all the intake's dead letters the stream holds; null when NATS cannot be asked */
    stored: number | null;
  };
  /** the failure still in force, with the dependency it came from; gone once that one recovers */
  lastError?: { at: string; dependency: IntakeDependency; message: string };
}

/**
 * The intake's health as an operator reads it: which dependency failed (NATS or Temporal), since
 * when, and the error still in force. The consumer tells it what happened through the calls
 * below; it never guesses a dependency from an error's text (a NATS ack timeout once passed for
 * Temporal being away).
 */
@Injectable()
export class IntakeStatusService {
  private waitsForNats = 0;
  private readonly dependencies: Record<IntakeDependency, DependencyState> = {
    nats: { state: 'unknown' },
    temporal: { state: 'unknown' },
  };
  private lastError?: IntakeStatus['lastError'];

  constructor(
    private readonly metrics: IntakeMetrics,
    private readonly deadLetters: DeadLetters,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    // Issue keys in errors and logs become their workflow ids, as Temporal's UI shows them.
    const secret = config?.temporal.workflowIdSecret;
    if (secret) hashIssueKeysAs((key) => issueWorkflowId(secret, key));
  }

  /**
   * A call through `dependency` failed because it is away or timing out (connection refused,
   * UNAVAILABLE, a NATS timeout): counted as a wait, and the error kept until it recovers.
   */
  unavailable(dependency: IntakeDependency, error: unknown): void {
    if (dependency === 'nats') this.waitsForNats += 1;
    else this.metrics.waitsForTemporal += 1;
    this.setState(dependency, 'down');
    this.keepError(dependency, error);
  }

  /**
   * A call through `dependency` failed (Temporal's NOT_FOUND for a signal, or any failure not
   * yet known to be an outage): the error is kept until the next call through it succeeds.
   * Its state is left as it is; `unavailable` follows when it is an outage.
   */
  refused(dependency: IntakeDependency, error: unknown): void {
    this.keepError(dependency, error);
  }

  /** A call through `dependency` succeeded: it is up, and its error is no longer in force. */
  recovered(dependency: IntakeDependency): void {
    this.setState(dependency, 'up');
    if (this.lastError?.dependency === dependency) this.lastError = undefined;
    // The metrics keep their own copy for the counters' page; it clears with ours.
    if (this.lastError === undefined) this.metrics.lastError = undefined;
  }

  async current(): Promise<IntakeStatus> {
    const m = this.metrics;
    const natsDown = this.dependencies.nats.state === 'down';
    return {
      consumer: natsDown && m.consumer === 'running' ? 'waiting_for_nats' : m.consumer,
      startedAt: m.startedAt,
      delivered: m.delivered,
      retries: m.retries,
      waitsForTemporal: m.waitsForTemporal,
      waitsForNats: this.waitsForNats,
      dependencies: {
        nats: { ...this.dependencies.nats },
        temporal: { ...this.dependencies.temporal },
      },
      deadLetters: {
        sinceStart: { ...m.deadLetters },
        sinceStartTotal: m.deadLetterCount,
        stored: await this.deadLetters.stored().catch(() => null),
      },
      ...(this.lastError ? { lastError: { ...this.lastError } } : {}),
    };
  }

  private setState(dependency: IntakeDependency, state: 'up' | 'down'): void {
    const current = this.dependencies[dependency];
    if (current.state !== state) {
      this.dependencies[dependency] = { state, since: new Date().toISOString() };
    }
  }

  private keepError(dependency: IntakeDependency, error: unknown): void {
    const at = new Date().toISOString();
    const message = describe(error);
    this.lastError = { at, dependency, message };
    this.metrics.lastError = { at, message };
  }
}

/**
 * An error as its kind and message. Temporal's messages may name a workflow id, which for an
 * issue holds a household number: hashed here as in the logs.
 */
function describe(error: unknown): string {
  return redactIssueKeys(
    error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  );
}
