import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

// openapi-typescript and prettier load ES modules, which jest's VM does not: the generator
// runs as its own process, as `npm run console:api -- --check` does.
const root = path.resolve(__dirname, '../../../..');
const CONSOLE_API_TYPES = path.join(root, 'apps/console/src/api-types.ts');

function check(file: string): { status: number | null; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      path.join(root, 'apps/api/src/cli/console-api-types.ts'),
      '--check',
      file,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
  );
  return { status: result.status, stderr: result.stderr };
}

describe("the console's API types (apps/console/src/api-types.ts)", () => {
  it("are what the API's OpenAPI document declares (else run npm run console:api)", () => {
    expect(check(CONSOLE_API_TYPES)).toEqual({ status: 0, stderr: '' });
  }, 300_000);

  it('are found stale when they differ from the document', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'console-api-'));
    try {
      const stale = path.join(dir, 'api-types.ts');
      const fresh = readFileSync(CONSOLE_API_TYPES, 'utf8');
      writeFileSync(stale, fresh.replace('accessToken: string;', 'accessToken: number;'));
      const result = check(stale);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('is stale: run npm run console:api');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
