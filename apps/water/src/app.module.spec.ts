import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.resolve(__dirname, '../../..');
const SECTOR_APPS = ['education', 'medical', 'housing', 'water'];

/** The modules a fresh Node process holds after requiring `file` (as `npm start` runs it). */
async function modulesLoadedBy(file: string): Promise<string[]> {
  const script = `require(${JSON.stringify(file)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script],
    { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') } },
  );
  return JSON.parse(stdout) as string[];
}

// A sector service talks to NATS and PostgreSQL only: the Temporal client (and its gRPC and
// native bits) must not come along through a shared lib.
describe('a sector app loads only the clients it uses', () => {
  it.each(SECTOR_APPS)('%s does not load @temporalio/client', async (app) => {
    const loaded = await modulesLoadedBy(path.join(ROOT, `apps/${app}/src/app.module.ts`));
    expect(loaded.some((file) => file.endsWith(`apps/${app}/src/app.module.ts`))).toBe(true);
    expect(loaded.filter((file) => file.includes('@temporalio/client'))).toEqual([]);
  });

  it('the intake, which starts workflows, does load it (the check can see it)', async () => {
    const loaded = await modulesLoadedBy(path.join(ROOT, 'apps/intake/src/app.module.ts'));
    expect(loaded.some((file) => file.includes('@temporalio/client'))).toBe(true);
  });
});
