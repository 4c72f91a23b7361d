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
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as object), ...alias };
      return config;
    },
  };
}
