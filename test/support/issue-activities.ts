/**
 * Shared by the issue activities suites (test/e2e/issue-activities/): the worker's activities
 * booted against the real PostgreSQL (the stack's migrated test database) and NATS JetStream,
 * with the issues, records and readers the suites use.
 */
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@sanbao/config';
import { streamNames } from '@sanbao/contracts';
import type { ActRecord, Actor, IssueEvent, IssueState } from '@sanbao/domain';
import { deleteStreams, NatsService, usesNats } from '@sanbao/messaging';
import { Database, usesPostgres } from '@sanbao/persistence';
import { infrastructure } from '@sanbao/runtime';
import { ApplicationFailure } from '@temporalio/common';
import { IssueActivitiesModule, IssueActivitiesService } from '../../apps/worker/src/activities';
import { testConfig, uniqueId } from './env';
import { waitForHealthy } from './health';

export async function boot(config: AppConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ...infrastructure(config, [usesPostgres(), usesNats()], { imports: [IssueActivitiesModule] }),
      IssueActivitiesModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

export const village: Actor = {
  id: 'cadre-7',
  name: 'Li Ming',
  role: 'village',
  villageCode: 'V01',
};
export const township: Actor = {
  id: 'officer-3',
  name: 'Zhao Lan',
  role: 'township',
  townshipCode: 'T01',
};

export function record(
  seq: number,
  act: ActRecord['act'],
  stage: ActRecord['stage'],
  at: string,
): ActRecord {
  return {
    seq,
    requestId: `req-${seq}`,
    act,
    actor: act === 'townshipDecision' ? township : village,
    at,
    stage,
    summary: `${act} in ${stage}`,
    // Any payload will do here: the audit trail keeps what it is given.
    payload: { note: `entry ${seq}` },
  } as ActRecord;
}

/** A snapshot of an education issue as the workflow's query returns it. */
export function snapshot(issueKey: string, overrides: Partial<IssueState> = {}): IssueState {
  return {
    issueKey,
    ledgerNo: ledgerNoFor(issueKey),
    sector: 'education',
    kind: 'not_enrolled',
    subject: {
      kind: 'household',
      id: 'HH-0042',
      personRef: 'child-1',
      villageCode: 'V01',
      townshipCode: 'T01',
    },
    summary: 'a child aged 9 not enrolled after term start',
    channel: 'sector_signal',
    flags: {},
    reportedAt: '2031-03-01T01:00:00.000Z',
    stage: 'verification',
    stageSince: '2031-03-01T01:00:00.000Z',
    deadlines: { verification: '2031-03-02T01:00:00.000Z' },
    currentDueAt: '2031-03-02T01:00:00.000Z',
    overdueLevel: 'none',
    extensions: [],
    lapses: [],
    reminders: 0,
    acts: [record(1, 'opened', 'verification', '2031-03-01T01:00:00.000Z')],
    evidence: [],
    reopenCount: 0,
    ...overrides,
  };
}

export function newIssueKey(label: string): string {
  return `issue:education:${uniqueId(label)}:not_enrolled`;
}

/** The first run id of an issue's workflow chain, as the workflow passes it. */
export const FIRST_RUN = 'first-run-of-the-chain';

/** A ledger number per issue key for the tests that do not allocate one. */
const ledgerNos = new Map<string, string>();
export function ledgerNoFor(issueKey: string): string {
  if (!ledgerNos.has(issueKey)) ledgerNos.set(issueKey, uniqueId('2031-EDU'));
  return ledgerNos.get(issueKey)!;
}

/** Expects a Temporal failure that tells the worker not to retry. */
export async function expectNonRetryable(
  promise: Promise<unknown>,
  message: RegExp,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect((error as ApplicationFailure).nonRetryable).toBe(true);
  expect((error as ApplicationFailure).message).toMatch(message);
}

/** What a suite reads once its app is up (fields are set in beforeAll). */
export interface ActivitiesSuite {
  readonly prefix: string;
  config: AppConfig;
  app: INestApplication;
  activities: IssueActivitiesService;
  database: Database;
  nats: NatsService;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** One read model's rows about an issue key. */
  rowsAbout(table: string, issueKey: string): Promise<Record<string, unknown>[]>;
  /** Every message of this suite's issue-event stream about one issue, in stream order. */
  eventsOf(issueKey: string): Promise<Array<{ subject: string; id: string; event: IssueEvent }>>;
}

/**
 * Boots the activities app for the calling suite (beforeAll) on a NATS prefix of its own, and
 * closes it and deletes the suite's streams afterwards (afterAll).
 */
export function useActivitiesSuite(label: string): ActivitiesSuite {
  const suite = {
    prefix: `${label}_${Date.now().toString(36)}`,
    query: <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      suite.database.source.query<T[]>(sql, params),
    rowsAbout: (table: string, issueKey: string) =>
      suite.query(`SELECT * FROM ${table} WHERE issue_key = $1`, [issueKey]),
    async eventsOf(issueKey: string) {
      const jsm = await suite.nats.jetstreamManager();
      const stream = streamNames(suite.prefix).issueEvents;
      // The outbox relay makes the stream with its first publish: no stream yet is no event yet.
      const info = await jsm.streams.info(stream).catch((error: unknown) => {
        if (error instanceof Error && error.message === 'stream not found') return undefined;
        throw error;
      });
      if (!info) return [];
      const { state } = info;
      const found: Array<{ subject: string; id: string; event: IssueEvent }> = [];
      for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq });
        const event = message.json<IssueEvent>();
        if (event.issueKey === issueKey) {
          found.push({ subject: message.subject, id: message.header.get('Nats-Msg-Id'), event });
        }
      }
      return found;
    },
  } as ActivitiesSuite;

  beforeAll(async () => {
    suite.config = testConfig({ NATS_PREFIX: suite.prefix });
    suite.app = await boot(suite.config);
    await waitForHealthy(suite.app, 60_000);
    suite.activities = suite.app.get(IssueActivitiesService);
    suite.database = suite.app.get(Database);
    suite.nats = suite.app.get(NatsService);
  });

  afterAll(async () => {
    if (suite.nats?.isConnected) {
      await deleteStreams(await suite.nats.jetstreamManager(), suite.prefix);
    }
    await suite.app?.close();
  });

  return suite;
}
