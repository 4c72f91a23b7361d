import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import type { Logger, LogLevel, LogMetadata } from '@temporalio/common';
import { createHmac, randomBytes } from 'crypto';

/**
 * The Temporal SDK's logs (the worker's "Activity failed" and retry lines, workflow `log.*`
 * calls, Core's own lines when forwarded) through the app's Nest logger: one JSON line each in
 * production, like every other line the app writes, and without household numbers.
 */

const ORDER: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

/**
 * An issue key (issue:<sector>:<household>[/<person>]:<kind>) names a household, so a log line
 * carries its workflow id instead (`issue-` and a keyed hash, see libs/temporal's
 * issueWorkflowId), which the app installs with `hashIssueKeysAs`: the same issue reads the
 * same in the logs and in Temporal's UI. Until then a keyed hash with a secret of this process
 * only: unreadable, even by hashing every household number.
 */
const ISSUE_KEY = /issue:[a-z]+:[^\s"',;)}\]]+/g;

const processSecret = randomBytes(32);
let hashKey = (key: string): string =>
  `issue#${createHmac('sha256', processSecret).update(key).digest('hex').slice(0, 16)}`;

/** How issue keys are written in logs from now on (the app's workflow id of the key). */
export function hashIssueKeysAs(hash: (issueKey: string) => string): void {
  hashKey = hash;
}

export function hashedIssueKey(key: string): string {
  return hashKey(key);
}

/** `text` with every issue key in it replaced by its hash. */
export function redactIssueKeys(text: string): string {
  return text.replace(ISSUE_KEY, (key) => hashedIssueKey(key));
}

/**
 * The same error with issue keys in its message hashed, for an edge that logs or stores
 * `name: message` (the intake's transport, its dead letters' lastError). Unchanged when there
 * is none; the original stays reachable as `cause` for code, not for log lines.
 */
export function withoutIssueKeys(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const message = redactIssueKeys(error.message);
  if (message === error.message) return error;
  const redacted = new Error(message, { cause: error });
  redacted.name = error.name;
  return redacted;
}

/** Bounded depth: log metadata is small; a cycle or a deep error chain must not hang a log call. */
function plain(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactIssueKeys(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' || typeof value === 'function' ? String(value) : value;
  }
  if (depth >= 4) return '[…]';
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return {
      name: value.name,
      message: redactIssueKeys(value.message),
      ...(value.stack ? { stack: redactIssueKeys(value.stack) } : {}),
      ...(cause !== undefined ? { cause: plain(cause, depth + 1) } : {}),
    };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => plain(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = plain(inner, depth + 1);
  return out;
}

/** A Temporal `Logger` that writes through a Nest logger (the app's, JSON in production). */
export class TemporalNestLogger implements Logger {
  constructor(
    private readonly minLevel: LogLevel = 'WARN',
    private readonly nest: LoggerService = new NestLogger('Temporal'),
  ) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (ORDER.indexOf(level) < ORDER.indexOf(this.minLevel)) return;
    const entry = {
      message: redactIssueKeys(message),
      ...(meta ? (plain(meta) as Record<string, unknown>) : {}),
    };
    switch (level) {
      case 'ERROR':
        this.nest.error(entry);
        break;
      case 'WARN':
        this.nest.warn(entry);
        break;
      case 'INFO':
        this.nest.log(entry);
        break;
      case 'DEBUG':
        this.nest.debug?.(entry);
        break;
      case 'TRACE':
        this.nest.verbose?.(entry);
        break;
    }
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
