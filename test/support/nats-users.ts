import { readFileSync } from 'fs';

/**
 * The bus's users of this run (`npm test` starts a nats-server with them and names the 0600
 * file in SANBAO_NATS_USERS), or none when the run uses a shared server without users.
 */
export function natsUsers(): Record<string, string> | undefined {
  const file = process.env.SANBAO_NATS_USERS;
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : undefined;
}

/** The configuration overrides that make an app connect as `part` (intake, worker, a sector). */
export function partNats(part: string): Record<string, string> {
  const users = natsUsers();
  if (!users) return {};
  const password = users[part];
  if (!password) throw new Error(`the run's NATS has no user ${part}`);
  return { NATS_USER: part, NATS_PASSWORD: password };
}
