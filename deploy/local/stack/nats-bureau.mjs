// `npm run nats:bureau -- <sector> <label> [--dir <folder>] [--prefix <prefix>]`: issues a bureau
// system's NATS user (docs/security.md). Prints its user and password once, adds it to the users
// file, rewrites the server configuration and `auth.conf` (production's Secret), and asks the
// local stack's running nats-server, if any, to reload. Only Node built-ins.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from './context.mjs';
import { addBureau, authorizationBlock, loadUsers, writeServerConfig } from './nats-accounts.mjs';

function option(args, name) {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const [value] = args.splice(at, 2).slice(1);
  return value;
}

const args = process.argv.slice(2);
const dir = path.resolve(option(args, '--dir') ?? path.join(DATA_DIR, 'nats'));
const prefixOption = option(args, '--prefix');
const [sector, label] = args;
if (!sector || !label) {
  process.stderr.write('usage: npm run nats:bureau -- <sector> <label> [--dir D] [--prefix P]\n');
  process.exit(2);
}
try {
  const { user, password } = addBureau(dir, sector, label);
  const settingsFile = path.join(dir, 'server.json');
  const settings = fs.existsSync(settingsFile)
    ? JSON.parse(fs.readFileSync(settingsFile, 'utf8'))
    : undefined;
  const prefix = prefixOption ?? settings?.prefix ?? 'sanbao';
  if (settings && !prefixOption) {
    writeServerConfig({ dir, ...settings });
  } else {
    fs.writeFileSync(path.join(dir, 'auth.conf'), authorizationBlock(loadUsers(dir), prefix), {
      mode: 0o600,
    });
  }
  const pidFile = path.join(dir, 'nats-server.pid');
  let reloaded = false;
  if (fs.existsSync(pidFile)) {
    try {
      // nats-server rereads its configuration on SIGHUP (as `nats-server --signal reload`).
      process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGHUP');
      reloaded = true;
    } catch {
      reloaded = false;
    }
  }
  process.stdout.write(
    [
      `NATS user for the ${sector} bureau system "${label}" (shown this once; keep it secret):`,
      `  NATS_USER=${user}`,
      `  NATS_PASSWORD=${password}`,
      `It may request ${prefix}.ingest.${sector}.<kind> and read ${prefix}.issue.${sector}.>.`,
      reloaded
        ? 'The local nats-server reloaded its configuration.'
        : `Apply ${path.join(dir, 'auth.conf')} (docs/security.md), then reload nats-server.`,
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
