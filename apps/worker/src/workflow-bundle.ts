import { BundleOptions } from '@temporalio/worker';
import * as fs from 'fs';
import * as path from 'path';
import tsconfig from '../../../tsconfig.json';

/** The repository root, whether running from sources or from dist/. */
function repoRoot(): string {
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    if (path.basename(dir) === 'dist') return path.dirname(dir);
    if (fs.existsSync(path.join(dir, 'nest-cli.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the repository root');
}

/**
 * Modules evaluated once per worker thread and shared by every workflow in it (the SDK's
 * `preloadModules`, with its reusable V8 context), instead of once per workflow run: issue 16's
 * profile had a new issue's workflow re-evaluating the domain lib and the Temporal polyfill
 * (its time-zone caches lost each time) for 13 % of the workflow thread's CPU. Only pure
 * modules may be here: no state of one workflow may reach another, and their exports are
 * frozen. The domain lib is pure by rule (no I/O, no clock, no module state that a workflow
 * changes); the polyfill keeps only caches of what time zones are.
 */
export const PRELOADED_MODULES = ['temporal-polyfill', '@sanbao/domain'] as const;

/**
 * How the worker bundles workflows/: the bundler is taught the same @sanbao/* aliases as
 * tsconfig.json, so workflows can import the pure domain lib.
 */
export function workflowBundleOptions(): BundleOptions {
  const root = repoRoot();
  const fromDist = __dirname.split(path.sep).includes('dist');
  const base = fromDist ? path.join(root, 'dist') : root;
  const alias: Record<string, string> = {};
  for (const [name, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    alias[name] = path.join(base, targets[0]);
  }
  return {
    workflowsPath: path.join(base, 'workflows/src', fromDist ? 'index.js' : 'index.ts'),
    preloadModules: [...PRELOADED_MODULES],
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as object), ...alias };
      return config;
    },
  };
}
