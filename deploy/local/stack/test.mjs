// `test`: a stack of the run's own (database, NATS prefix, Temporal dev server, temp folder),
// then jest against it; everything made for the run is removed afterwards.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { env, requireFromRoot, say, stackSettings } from './context.mjs';
import { buildConsole, ensureDependencies } from './builds.mjs';
import { STACK_USER } from './nats-accounts.mjs';
import { deleteTestStreams, ensureNats, natsEnv, startOwnNats } from './nats.mjs';
import { dropDatabase, ensureDatabase, ensurePostgres, migrate } from './postgres.mjs';
import { freePort, launch, onSignals, onStop, stopAll } from './processes.mjs';
import { ensureTemporal, tryTemporalBinary } from './temporal.mjs';

/** Brings up the run's stack and runs jest (with `jestArgs`) to its end; jest's exit code. */
async function stackAndJest(jestArgs) {
  ensureDependencies();
  const settings = stackSettings();
  const tag = `t${process.pid}${Date.now().toString(36)}`;
  const baseUrl = new URL(settings.databaseUrl);
  baseUrl.pathname = `/sanbao_test_${tag}`;
  const testDatabaseUrl = baseUrl.toString();
  const prefix = `sbt_${tag}`;
  await ensurePostgres(settings.databaseUrl);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanbao-test-'));
  onStop('test temp files', async () => fs.rmSync(tmp, { recursive: true, force: true }));
  // A nats-server of the run's own, with the bus's users, so that every suite runs against
  // the permissions production has; NATS_URL names a shared server instead (no users).
  const natsDir = path.join(tmp, 'nats');
  const nats = env.NATS_URL
    ? await ensureNats(env.NATS_URL)
    : await startOwnNats({
        dir: natsDir,
        prefix,
        storeDir: path.join(natsDir, 'jetstream'),
        // The refusals the permission suite provokes are the server's log; jest says the rest.
        quiet: true,
        // Two bureau systems of the run's own, for test/e2e/nats-permissions.e2e-spec.ts.
        bureaus: [
          ['education', 'test'],
          ['medical', 'test'],
        ],
      });
  // Tests get a Temporal server of their own (fresh state, their search attributes),
  // unless one is named explicitly for them.
  const temporalAddress = env.SANBAO_TEST_TEMPORAL_ADDRESS || `127.0.0.1:${await freePort()}`;
  const temporal = await ensureTemporal({
    address: temporalAddress,
    uiPort: 0,
    dbFile: path.join(tmp, 'temporal.db'),
    headless: true,
    quiet: true,
  });
  await ensureDatabase(testDatabaseUrl);
  onStop('test database', () => dropDatabase(testDatabaseUrl));
  // A server of the run's own goes with its temp folder; on a shared one the run's streams go.
  if (!nats.users) onStop('test streams', () => deleteTestStreams(nats, prefix));
  migrate(testDatabaseUrl);
  buildConsole();
  const jestEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl,
    // The harnesses' own connections use the stack's user; each app booted in a test gets its
    // part's user from the users file (test/support/nats-users.ts).
    ...natsEnv(nats, STACK_USER),
    SANBAO_NATS_USERS: nats.users ? path.join(natsDir, 'users.json') : '',
    NATS_PREFIX: prefix,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `sanbao-test-${tag}`,
    // A secret of the run's own: no test may depend on a fixed one (ids are keyed hashes).
    WORKFLOW_ID_SECRET: crypto.randomBytes(32).toString('base64url'),
    TEMPORAL_CLI: fs.existsSync(env.TEMPORAL_CLI || '') ? env.TEMPORAL_CLI : tryTemporalBinary(),
    SANBAO_TEST_TMP: tmp,
  };
  say(
    `running jest (database ${baseUrl.pathname.slice(1)}, NATS prefix ${prefix}, Temporal ${temporal.address})`,
  );
  const results = path.join(tmp, 'jest-results.json');
  const jest = launch(
    'jest',
    process.execPath,
    [
      requireFromRoot.resolve('jest/bin/jest'),
      '--runInBand',
      '--ci',
      // A backstop only: a full run with --detectOpenHandles (passed through) finds none, but a
      // client left open by a future test must fail that test, not hang CI. Jest prints its
      // "Force exiting" hint whenever this flag is on, open handles or not.
      '--forceExit',
      '--json',
      `--outputFile=${results}`,
      ...jestArgs,
    ],
    { env: jestEnv, expectExit: true, awaited: true },
  );
  // jest's own output is passed through unprefixed so that its summary is the last word.
  jest.child.stdout.removeAllListeners('data');
  jest.child.stderr.removeAllListeners('data');
  jest.child.stdout.pipe(process.stdout);
  jest.child.stderr.pipe(process.stderr);
  const { code } = await jest.exited;
  // jest's counts once more as one plain line, for readers that look for "N passed, N failed".
  if (fs.existsSync(results)) {
    const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(
      fs.readFileSync(results, 'utf8'),
    );
    const skipped = numPendingTests ? `, ${numPendingTests} skipped` : '';
    process.stdout.write(`jest: ${numPassedTests} passed, ${numFailedTests} failed${skipped}\n`);
  }
  return code ?? 1;
}

export async function testMode(jestArgs) {
  let exitCode = 1;
  onSignals(async () => {
    await stopAll();
    process.exit(130);
  });
  try {
    exitCode = await stackAndJest(jestArgs);
  } catch (error) {
    process.stderr.write(`[sanbao] ${error.message}\n`);
    exitCode = 1;
  } finally {
    await stopAll();
  }
  process.exit(exitCode);
}
