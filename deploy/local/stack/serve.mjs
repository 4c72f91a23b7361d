// `up` (the stack and migrations) and `start` (that, plus the seven apps built and healthy).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_PORT_DEFAULTS, APPS, DATA_DIR, ROOT, env, say, stackSettings } from './context.mjs';
import { ensureBuild, ensureDependencies } from './builds.mjs';
import { ensureNats, natsEnv, startOwnNats } from './nats.mjs';
import { ensurePostgres, migrate } from './postgres.mjs';
import { onSignals, stopAll, waitFor } from './processes.mjs';
import { supervise } from './supervise.mjs';
import { ensureTemporal } from './temporal.mjs';

function stopOnSignals() {
  onSignals(async () => {
    await stopAll();
    process.exit(0);
  });
}

async function up() {
  ensureDependencies();
  const settings = stackSettings();
  const postgres = await ensurePostgres(settings.databaseUrl);
  // A nats-server of the stack's own with the bus's users (docs/security.md), its passwords and
  // JetStream store under the data folder; NATS_URL names another server instead.
  const nats = env.NATS_URL
    ? await ensureNats(env.NATS_URL)
    : await startOwnNats({
        dir: path.join(DATA_DIR, 'nats'),
        prefix: env.NATS_PREFIX || 'sanbao',
        storeDir: path.join(DATA_DIR, 'nats'),
        port: Number(env.NATS_PORT || 4222),
      });
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

/**
 * Production mode requires JWT_SECRET (the API signs tokens with it), WORKFLOW_ID_SECRET
 * (issue workflow ids are keyed hashes of the issue key) and WORKFLOW_PAYLOAD_KEY (workflow
 * payloads are encrypted). On one machine the stack makes a
 * random one of each once and keeps it under the data folder, so sign-ins survive restarts and
 * running issues keep their ids. Never printed: `name` is the file, not the value.
 */
function localSecret(name, make = () => crypto.randomBytes(48).toString('base64url')) {
  const file = path.join(DATA_DIR, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(file, make(), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** The worker's V8 heap limit in MiB, chosen by measurement (docs/benchmarks.md). */
const WORKER_HEAP_MB = Number(env.WORKER_HEAP_MB || 768);

export async function startMode() {
  const t0 = Date.now();
  stopOnSignals();
  const { settings, temporal, nats } = await up();
  ensureBuild();
  const host = env.HOST || '127.0.0.1';
  const ports = Object.fromEntries(
    APPS.map((app) => [app, Number(env[`${app.toUpperCase()}_PORT`] || APP_PORT_DEFAULTS[app])]),
  );
  const appEnv = {
    NODE_ENV: env.NODE_ENV || 'production',
    JWT_SECRET: env.JWT_SECRET || localSecret('jwt-secret'),
    WORKFLOW_ID_SECRET: env.WORKFLOW_ID_SECRET || localSecret('workflow-id-secret'),
    // Encrypts workflow payloads: exactly 32 bytes, in standard base64.
    WORKFLOW_PAYLOAD_KEY:
      env.WORKFLOW_PAYLOAD_KEY ||
      localSecret('workflow-payload-key', () => crypto.randomBytes(32).toString('base64')),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_UI_URL:
      env.TEMPORAL_UI_URL || temporal.ui || `http://${host}:${settings.temporalUiPort}`,
    WORKFLOW_BUNDLE: env.WORKFLOW_BUNDLE || path.join(ROOT, 'dist', 'workflow-bundle.js'),
  };
  const healthUrl = (app) => `http://${host}:${ports[app]}/health`;
  for (const app of APPS) {
    // The worker's heap has a limit of its own (docs/architecture.md, "Worker memory"): its
    // workflow cache is sized to fit, and a leak shows as a restart, not a swapping host.
    const heap = app === 'worker' ? [`--max-old-space-size=${WORKER_HEAP_MB}`] : [];
    // Restarted when it exits, with back-off, as production's Deployments restart their pods.
    supervise(
      app,
      process.execPath,
      [...heap, path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js')],
      {
        // Each app on the bus as its own part, with only that part's subjects.
        launch: {
          env: { ...appEnv, ...(app === 'api' ? { NATS_URL: nats.url } : natsEnv(nats, app)) },
        },
        isUp: () => healthy(healthUrl(app)),
      },
    );
  }
  await Promise.all(
    APPS.map((app) => waitFor(`${app} health`, () => healthy(healthUrl(app)), 180_000)),
  );
  const rows = [
    ['API', `http://${host}:${ports.api}`],
    ['Temporal Web UI', appEnv.TEMPORAL_UI_URL],
    ['Temporal frontend', temporal.address],
    ['NATS', nats.users ? `${nats.url} (users in .data/nats/users.json)` : nats.url],
    ['PostgreSQL', settings.databaseUrl.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')],
    ...APPS.map((app) => [`${app} health`, `http://${host}:${ports[app]}/health`]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  say(`all seven apps healthy in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(
    rows.map(([name, where]) => `  ${name.padEnd(width)}  ${where}`).join('\n') + '\n',
  );
  say('an app that exits is started again (1 s back-off, doubling to 30 s)');
  say('Ctrl-C stops everything this command started');
  await new Promise(() => undefined);
}

export async function upMode() {
  stopOnSignals();
  const { temporal, nats } = await up();
  say(
    `stack up: Temporal ${temporal.address} (UI ${temporal.ui}), NATS ${nats.url}; Ctrl-C stops it`,
  );
  await new Promise(() => undefined);
}
