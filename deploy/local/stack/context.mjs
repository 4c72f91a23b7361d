// Where the stack lives and what it is told: the repository, the data and cache folders, the
// apps and their default ports. Only Node built-ins: this runs before `npm ci`.
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Resolves packages from the project's node_modules (loaded late: they may not be installed yet). */
export const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
export const env = process.env;

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const DATA_DIR = path.resolve(ROOT, env.SANBAO_DATA_DIR || '.data');
export const CACHE_DIR =
  env.SANBAO_CACHE_DIR ||
  path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'sanbao');

export const APPS = ['api', 'intake', 'worker', 'education', 'medical', 'housing', 'water'];
export const APP_PORT_DEFAULTS = {
  api: 3000,
  intake: 3001,
  worker: 3002,
  education: 3003,
  medical: 3004,
  housing: 3005,
  water: 3006,
};

export const say = (line) => process.stdout.write(`[sanbao] ${line}\n`);

/** A failure the stack explains in one line (no stack trace). */
export class StackError extends Error {}

/** The addresses of the stack's services, from the environment or the local defaults. */
export function stackSettings() {
  const temporalAddress = env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/sanbao',
    natsUrl: env.NATS_URL || 'nats://127.0.0.1:4222',
    temporalAddress,
    temporalUiPort: Number(env.TEMPORAL_UI_PORT || hostPort(temporalAddress, 7233).port + 1000),
  };
}

export function hostPort(address, defaultPort) {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || defaultPort) };
}
