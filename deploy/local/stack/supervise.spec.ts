import { spawn } from 'child_process';
import path from 'path';
import { alive } from '../../../test/support/processes';

/**
 * The launcher's supervisor, driven as `npm start` drives it but with a tiny app that exits
 * after 150 ms and short back-offs: it is restarted, the wait doubles to its cap, each restart
 * is said, and SIGINT stops everything without a restart and leaves no process behind.
 */
const SUPERVISE = path.join(__dirname, 'supervise.mjs');
const PROCESSES = path.join(__dirname, 'processes.mjs');

const DRIVER = `
import { supervise } from ${JSON.stringify(SUPERVISE)};
import { onSignals, stopAll, waitFor } from ${JSON.stringify(PROCESSES)};
onSignals(async () => { await stopAll(); process.stdout.write('stopped\\n'); process.exit(0); });
// As \`npm start\` waits for health: the wait ends when the stop begins, and its caller stops
// and exits too; it must not exit before the apps are stopped.
waitFor('never', async () => false, 600_000).catch(async () => {
  await stopAll();
  process.stdout.write('stopped\\n');
  process.exit(0);
});
const app = \`process.stdout.write('pid ' + process.pid + '\\\\n');
  setTimeout(() => process.exit(3), Number(process.env.LIFE_MS));
  process.on('SIGTERM', () => setTimeout(() => process.exit(0), 800));\`;
supervise('tiny', process.execPath, ['-e', app], {
  firstDelayMs: 100, maxDelayMs: 400, resetAfterMs: Number(process.env.RESET_MS),
  launch: { env: { LIFE_MS: process.env.LIFE_MS } },
});
supervise('other', process.execPath, ['-e', app], {
  firstDelayMs: 100, maxDelayMs: 400, resetAfterMs: Number(process.env.RESET_MS),
  launch: { env: { LIFE_MS: process.env.LIFE_MS } },
});
setInterval(() => undefined, 1000);
`;

function drive(lifeMs: number, resetMs: number) {
  const driver = spawn(process.execPath, ['--input-type=module', '-e', DRIVER], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LIFE_MS: String(lifeMs), RESET_MS: String(resetMs) },
  });
  const seen = { out: '' };
  driver.stdout.on('data', (chunk: Buffer) => (seen.out += chunk.toString()));
  driver.stderr.on('data', (chunk: Buffer) => (seen.out += chunk.toString()));
  const restartLines = () =>
    seen.out
      .split('\n')
      .filter((l) => l.startsWith('[sanbao] tiny') && l.includes('restarting in'));
  const untilRestarts = async (n: number) => {
    const deadline = Date.now() + 20_000;
    while (restartLines().length < n && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { driver, seen, restartLines, untilRestarts };
}

describe('the launcher restarts an app that exits', () => {
  it('with a doubling back-off, says so, and stops for good on SIGINT', async () => {
    const { driver, seen, restartLines, untilRestarts } = drive(150, 60_000);
    await untilRestarts(5);
    const out = seen.out;
    expect(restartLines().slice(0, 5)).toEqual([
      '[sanbao] tiny exited (3); restarting in 0.1 s (restart 1)',
      '[sanbao] tiny exited (3); restarting in 0.2 s (restart 2)',
      '[sanbao] tiny exited (3); restarting in 0.4 s (restart 3)',
      '[sanbao] tiny exited (3); restarting in 0.4 s (restart 4)',
      '[sanbao] tiny exited (3); restarting in 0.4 s (restart 5)',
    ]);

    const pids = [...out.matchAll(/\[tiny\] pid (\d+)/g)].map((m) => Number(m[1]));
    expect(new Set(pids).size).toBeGreaterThanOrEqual(5);

    const exited = new Promise<number | null>((resolve) => driver.once('exit', resolve));
    driver.kill('SIGINT');
    expect(await exited).toBe(0);
    const restartsAtStop = restartLines().length;
    expect(seen.out).toContain('stopped');
    // Nothing was started after the stop, and nothing it started is still running.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(restartLines()).toHaveLength(restartsAtStop);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('stops an app that is running when Ctrl-C comes, and leaves nothing behind', async () => {
    const { driver, seen } = drive(600_000, 60_000);
    const deadline = Date.now() + 10_000;
    while (!/\[tiny\] pid (\d+)/.test(seen.out) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pids = [...seen.out.matchAll(/\[(?:tiny|other)\] pid (\d+)/g)].map((m) => Number(m[1]));
    expect(pids.filter(alive)).toHaveLength(2);
    const exited = new Promise((resolve) => driver.once('exit', resolve));
    driver.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('goes back to the first wait once the app has stayed up long enough', async () => {
    const { driver, restartLines, untilRestarts } = drive(500, 300);
    await untilRestarts(3);
    const exited = new Promise((resolve) => driver.once('exit', resolve));
    driver.kill('SIGINT');
    await exited;
    expect(
      restartLines()
        .slice(0, 3)
        .map((l) => /in ([\d.]+ s)/.exec(l)?.[1]),
    ).toEqual(['0.1 s', '0.1 s', '0.1 s']);
  });
});
