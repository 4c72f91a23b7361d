// Dependencies and builds: `npm ci` when node_modules is missing or older than the lock file,
// the apps and the workflow bundle when a source is newer than the last build, the console.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, say } from './context.mjs';
import { run } from './processes.mjs';

export function ensureDependencies() {
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

export function ensureBuild() {
  const stamp = path.join(ROOT, 'dist', '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built >= newestSourceMtime(['apps', 'libs', 'workflows'])) return;
  say('building the apps (tsc) and the workflow bundle');
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  run('npm', ['run', '--silent', 'build']);
  fs.writeFileSync(stamp, new Date().toISOString());
}

/** The API serves the web console from dist/console; the browser tests need it built. */
export function buildConsole() {
  say('building the web console (vite)');
  run('npm', ['run', '--silent', 'build:console']);
}

/** Runs a TypeScript script of the project (a CLI such as the migrations) with ts-node. */
export function nodeWithTs(script, extraEnv) {
  run(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script],
    {
      env: { TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...extraEnv },
    },
  );
}
