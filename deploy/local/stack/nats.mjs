// NATS with JetStream: the server that answers at NATS_URL, else a local nats-server (the
// version deploy/nats/go.mod pins, as installed); and removing a test run's streams.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, env, hostPort, requireFromRoot, say, StackError } from './context.mjs';
import { canConnect, freePort, launch, waitFor, which } from './processes.mjs';
import { addBureau, loadUsers, STACK_USER, writeServerConfig } from './nats-accounts.mjs';

function natsServerBinary() {
  if (env.NATS_SERVER_BIN) return env.NATS_SERVER_BIN;
  return (
    which('nats-server') ??
    (fs.existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : undefined)
  );
}

/**
 * A nats-server of the stack's own, with the bus's users and their permissions (the config and
 * passwords under `dir`, JetStream's store under `storeDir`), on `port` or a free one. Returns
 * its URL and the users' passwords, which the stack hands to each part through its environment.
 */
export async function startOwnNats({ dir, prefix, storeDir, port, bureaus = [], quiet }) {
  const binary = natsServerBinary();
  if (!binary) {
    throw new StackError(
      'No nats-server installed: install nats-server (apt-get install nats-server), or set NATS_SERVER_BIN, or point NATS_URL at a server.',
    );
  }
  const host = '127.0.0.1';
  const chosen = port && !(await canConnect(host, port)) ? port : await freePort();
  fs.mkdirSync(storeDir, { recursive: true });
  for (const [sector, label] of bureaus) {
    if (!loadUsers(dir)[`bureau-${sector}-${label}`]) addBureau(dir, sector, label);
  }
  const { file, users } = writeServerConfig({ dir, prefix, host, port: chosen, storeDir });
  say(`starting nats-server with JetStream and the bus's users on ${host}:${chosen}`);
  const pidFile = path.join(dir, 'nats-server.pid');
  const service = launch('nats', binary, ['-c', file, '-P', pidFile], { quiet });
  await waitFor(
    'NATS',
    async () => {
      if (service.child.exitCode !== null)
        throw new StackError(`nats-server exited with ${service.child.exitCode}`);
      return canConnect(host, chosen);
    },
    30_000,
  );
  return { url: `nats://${host}:${chosen}`, users, startedHere: true };
}

/** The environment a part connects to NATS with: its own user, when the server has users. */
export function natsEnv(nats, part) {
  if (!nats.users) return { NATS_URL: nats.url };
  return { NATS_URL: nats.url, NATS_USER: part, NATS_PASSWORD: nats.users[part] };
}

/** A server named by NATS_URL (production-like, shared): used as it is, with no users. */
export async function ensureNats(natsUrl) {
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

/** Deletes the JetStream streams a test run made under its own prefix. */
export async function deleteTestStreams(nats, prefix) {
  // Loaded here, not at the top: the nats package exists only after `npm ci`.
  const { connect } = requireFromRoot('nats');
  const auth = nats.users ? { user: STACK_USER, pass: nats.users[STACK_USER] } : {};
  const nc = await connect({ servers: nats.url.split(','), timeout: 3000, ...auth });
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
