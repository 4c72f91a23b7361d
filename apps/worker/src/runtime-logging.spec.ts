import { Logger } from '@nestjs/common';
import type { AppConfig } from '@sanbao/config';
import { createLogger, hashedIssueKey } from '@sanbao/runtime';
import { ApplicationFailure } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import { installRuntimeLogging } from './worker.service';

/**
 * The worker's Temporal logging in production: the SDK's lines (its "Activity failed" block,
 * retries, workflow log calls, Core's forwarded lines) come out as single JSON lines through
 * the app's logger, with no ANSI colour and no household number.
 */
const HOUSEHOLD = 'HH-511921101201-0042';
const KEY = `issue:education:${HOUSEHOLD}/P-0001:not_returned`;

describe('the worker logs Temporal in JSON lines', () => {
  const written: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };

  beforeAll(() => {
    const capture = (chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    };
    process.stdout.write = capture;
    process.stderr.write = capture;
    // What bootstrapApp gives the app when NODE_ENV=production.
    Logger.overrideLogger(
      createLogger('worker', { env: 'production', logLevel: 'log' } as AppConfig),
    );
    installRuntimeLogging();
  });

  afterAll(async () => {
    await Runtime.instance().shutdown();
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  });

  it('writes the SDK and Core lines as JSON, issue keys hashed', async () => {
    const logger = Runtime.instance().logger;
    const failure = ApplicationFailure.create({
      message: 'invalid byte sequence for encoding "UTF8": 0x00',
      type: 'QueryFailedError',
    });
    failure.stack = `QueryFailedError: invalid byte sequence\n    at saveLedgerRow (${KEY})\n    at x`;
    // The shape of the SDK's activity interceptor's failure line, and its retry/workflow lines.
    logger.warn('Activity failed', {
      sdkComponent: 'activity',
      activityType: 'saveLedgerRow',
      workflowId: KEY,
      workflowType: 'issueWorkflow',
      taskQueue: 'sanbao-issues',
      attempt: 3,
      durationMs: 12,
      error: failure,
    });
    logger.error(`Workflow ${KEY} failed\n\u001b[31mretrying\u001b[39m`, { workflowId: KEY });
    logger.warn('issue activity failed for good', {
      sdkComponent: 'workflow',
      issueKey: KEY,
      activity: 'saveLedgerRow',
      nested: { list: [KEY, { again: KEY }] },
    });
    logger.warn('core: poll failed', { sdkComponent: 'core', target: 'temporal_sdk_core' });
    logger.info('a per-task line below WARN', { workflowId: KEY });
    // With Core's logs forwarded, the runtime buffers lines and writes them in order.
    Runtime.instance().flushLogs();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const lines = written
      .join('')
      .split('\n')
      .filter((line) => line !== '');
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(line).not.toContain(HOUSEHOLD);
      expect(line).not.toContain('\u001b'); // ANSI escapes in JSON are \u001b escaped, never raw
    }
    const [failed, retry] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(failed).toMatchObject({
      level: 'warn',
      context: 'Temporal',
      message: {
        message: 'Activity failed',
        activityType: 'saveLedgerRow',
        workflowId: hashedIssueKey(KEY),
        error: { name: 'ApplicationFailure', message: expect.stringContaining('UTF8') },
      },
    });
    expect(retry).toMatchObject({ level: 'error', message: { workflowId: hashedIssueKey(KEY) } });
  });
});
