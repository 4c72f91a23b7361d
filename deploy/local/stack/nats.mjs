// NATS with JetStream: the server that answers at NATS_URL, else a local nats-server (the
// version deploy/nats/go.mod pins, as installed); and removing a test run's streams.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, env, hostPort, requireFromRoot, say, StackError } from './context.mjs';
import { canConnect, launch, waitFor, which } from './processes.mjs';

function natsServerBinary() {
  if (env.NATS_SERVER_BIN) return env.NATS_SERVER_BIN;
  return (
    which('nats-server') ??
    (fs.existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : undefined)
  );
}

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
export async function deleteTestStreams(natsUrl, prefix) {
  // Loaded here, not at the top: the nats package exists only after `npm ci`.
  const { connect } = requireFromRoot('nats');
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
