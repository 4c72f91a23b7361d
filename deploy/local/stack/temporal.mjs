// The Temporal dev server: the pinned CLI (given, cached, or built once with Go), started with
// the system's search attributes, or an existing server checked for them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CACHE_DIR,
  ROOT,
  TEMPORAL_CLI_VERSION,
  env,
  hostPort,
  say,
  StackError,
} from './context.mjs';
import { canConnect, launch, waitFor, which } from './processes.mjs';

function findGo() {
  return (
    which('go') ?? (fs.existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined)
  );
}

/** The Temporal CLI: TEMPORAL_CLI, else the cached build, else built once from deploy/temporal. */
export function temporalBinary() {
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

/** The CLI for the tests' own use (history export), or '' when there is none. */
export function tryTemporalBinary() {
  try {
    return temporalBinary();
  } catch {
    return '';
  }
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
    say(
      `cannot check search attributes on ${address} (${error.message}); the workflows need: ${searchAttributes().join(', ')}`,
    );
    return;
  }
  const cli = (args) => spawnSync(binary, args, { encoding: 'utf8', timeout: 15000 });
  const listed = cli(['operator', 'search-attribute', 'list', '--address', address, '-o', 'json']);
  const existing = listed.status === 0 ? listed.stdout : '';
  for (const attribute of searchAttributes()) {
    const [name, type] = attribute.split('=');
    if (existing.includes(`"${name}"`)) continue;
    const created = cli([
      'operator',
      'search-attribute',
      'create',
      '--name',
      name,
      '--type',
      type,
      '--address',
      address,
    ]);
    if (created.status !== 0) {
      say(
        `could not register search attribute ${name}: ${created.stderr.trim().split('\n').pop()}`,
      );
    }
  }
}

function temporalServing(binary, address) {
  const result = spawnSync(binary, ['operator', 'cluster', 'health', '--address', address], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return result.status === 0 && /SERVING/.test(result.stdout);
}

/**
 * Temporal at `address`: the server that already answers there, else a dev server started
 * here (SQLite in `dbFile`; `quiet` hides its log, as tests want).
 */
export async function ensureTemporal({ address, uiPort, dbFile, headless, quiet = false }) {
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
    // No fsync at every commit, only at checkpoints: SQLite's WAL keeps every committed
    // transaction across a crash or kill of the server (what the stack's tests do); only a power
    // loss of this machine may roll back the last ones. The fsyncs cost the dev server a third
    // of its CPU for an issue-shaped workflow, 15-25 % of it per new issue in the benchmark's
    // pipeline (issue 16, docs/benchmarks.md). A county's Temporal is the full server on
    // PostgreSQL (deploy/production), which keeps its own durability settings.
    '--sqlite-pragma',
    'synchronous=NORMAL',
    '--log-level',
    'warn',
    // The search attributes are registered with the server's start (below), so its cache of
    // them is right from the first request. (Forcing a re-read of that cache on every read, as
    // the stack did, cost the server about 2 ms of CPU per start: issue 16, docs/benchmarks.md.)
  ];
  if (headless) args.push('--headless');
  else args.push('--ui-ip', host, '--ui-port', String(uiPort));
  for (const attribute of searchAttributes()) args.push('--search-attribute', attribute);
  say(`starting Temporal dev server on ${host}:${port}`);
  const service = launch('temporal', binary, args, { quiet, quietWhenStopping: true });
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
