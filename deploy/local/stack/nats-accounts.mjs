// The bus's users: one per part of the system and one per bureau system, each allowed only the
// subjects its part needs (docs/security.md). Passwords are made once, kept in a 0600 file
// under the data folder (a run's temp folder for tests), never printed except a new bureau's,
// once, to the operator who asked for it. Only Node built-ins.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECTORS = ['education', 'medical', 'housing', 'water'];
/** The parts that connect to NATS, each with a user of its own (the API does not use NATS). */
export const NATS_PARTS = ['intake', 'worker', ...SECTORS];
/** The stack's own tooling (stream clean-up, test harnesses): everything, never given to an app. */
export const STACK_USER = 'stack';

const LABEL = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The subjects each kind of user may publish to and subscribe on, under `prefix`. */
export function permissionsOf(user, prefix) {
  const streams = prefix.toUpperCase();
  if (user === STACK_USER) return { publish: ['>'], subscribe: ['>'] };
  if (user === 'intake') {
    // Its durable consumer on the signals stream (JetStream API and acks) and dead letters.
    return {
      publish: ['$JS.API.>', `$JS.ACK.${streams}_SIGNALS.>`, `${prefix}.deadletter.>`],
      subscribe: ['_INBOX.>'],
    };
  }
  if (user === 'worker') {
    return { publish: ['$JS.API.>', `${prefix}.issue.>`], subscribe: ['_INBOX.>'] };
  }
  if (SECTORS.includes(user)) {
    // Answers its own sector's ingest requests (allow_responses: only to the requester's
    // inbox), publishes its own sector's signals, and may create/update the streams at start.
    return {
      publish: [
        `${prefix}.signal.${user}.>`,
        '$JS.API.INFO',
        // Named one by one: a wildcard is a whole subject token, never part of one.
        ...['INFO', 'CREATE', 'UPDATE'].flatMap((verb) =>
          ['SIGNALS', 'DEADLETTERS', 'ISSUE_EVENTS'].map(
            (stream) => `$JS.API.STREAM.${verb}.${streams}_${stream}`,
          ),
        ),
      ],
      subscribe: [`${prefix}.ingest.${user}.>`, '_INBOX.>'],
      allow_responses: true,
    };
  }
  const bureau = /^bureau-([a-z]+)-/.exec(user);
  if (bureau && SECTORS.includes(bureau[1])) {
    // Requests on its sector's ingest subjects; reads its sector's issue events (notices), live
    // or through one durable consumer named after the user and filtered to its sector.
    const events = `${streams}_ISSUE_EVENTS`;
    const own = `${prefix}.issue.${bureau[1]}.>`;
    return {
      publish: [
        `${prefix}.ingest.${bureau[1]}.>`,
        '$JS.API.INFO',
        `$JS.API.CONSUMER.CREATE.${events}.${user}.${own}`,
        `$JS.API.CONSUMER.INFO.${events}.${user}`,
        `$JS.API.CONSUMER.MSG.NEXT.${events}.${user}`,
        `$JS.ACK.${events}.${user}.>`,
      ],
      subscribe: ['_INBOX.>', own],
    };
  }
  throw new Error(`no NATS permissions for user ${user}`);
}

const password = () => crypto.randomBytes(24).toString('base64url');

/** The users file: `{ name: password }`, created 0600 with the parts' users on first use. */
export function loadUsers(dir) {
  const file = path.join(dir, 'users.json');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const users = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const name of [STACK_USER, ...NATS_PARTS]) {
    if (!users[name]) {
      users[name] = password();
      changed = true;
    }
  }
  if (changed) saveUsers(dir, users);
  return users;
}

function saveUsers(dir, users) {
  const file = path.join(dir, 'users.json');
  fs.writeFileSync(file, JSON.stringify(users, null, 2), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/** Adds a bureau system's user (`bureau-<sector>-<label>`); returns its name and password. */
export function addBureau(dir, sector, label) {
  if (!SECTORS.includes(sector)) throw new Error(`unknown sector ${sector}`);
  if (!LABEL.test(label)) throw new Error('the label must be lower-case letters, digits or -');
  const users = loadUsers(dir);
  const name = `bureau-${sector}-${label}`;
  if (users[name]) throw new Error(`${name} exists already`);
  users[name] = password();
  saveUsers(dir, users);
  return { user: name, password: users[name] };
}

const quote = (value) => JSON.stringify(value);

/** The `authorization` block: every user with its password and permissions (no anonymous). */
export function authorizationBlock(users, prefix) {
  const lines = ['authorization {', '  users = ['];
  for (const [name, pass] of Object.entries(users)) {
    const perms = permissionsOf(name, prefix);
    const responses = perms.allow_responses ? ', allow_responses: true' : '';
    lines.push(
      `    { user: ${quote(name)}, password: ${quote(pass)}, permissions: {` +
        ` publish: { allow: ${quote(perms.publish)} },` +
        ` subscribe: { allow: ${quote(perms.subscribe)} }${responses} } }`,
    );
  }
  lines.push('  ]', '}');
  return lines.join('\n') + '\n';
}

function writeSecretFile(file, text) {
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * The nats-server configuration (JetStream on, every user in the one account, no anonymous
 * access), written 0600 since it holds the passwords, beside `auth.conf` (the authorization
 * block alone: production's Secret) and `server.json` (what a later rewrite needs, no secret).
 */
export function writeServerConfig({ dir, prefix, host, port, storeDir }) {
  const users = loadUsers(dir);
  const auth = authorizationBlock(users, prefix);
  writeSecretFile(path.join(dir, 'auth.conf'), auth);
  const file = path.join(dir, 'nats-server.conf');
  writeSecretFile(
    file,
    [`listen: ${quote(`${host}:${port}`)}`, `jetstream { store_dir: ${quote(storeDir)} }`].join(
      '\n',
    ) +
      '\n' +
      auth,
  );
  const settings = path.join(dir, 'server.json');
  fs.writeFileSync(settings, JSON.stringify({ prefix, host, port, storeDir }, null, 2));
  return { file, users };
}
