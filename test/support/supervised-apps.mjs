// Keeps apps running with the launcher's own supervisor (deploy/local/stack/supervise.mjs), as
// `npm start` does, for a test that kills them: the test runs this file as a node process of its
// own (jest cannot load the launcher's ES modules). SUPERVISED_APPS names the apps:
// [{ name, args, env }], each started as `node ...args` with `env` over this process's own.
// Says `[supervised] <name> pid <pid>` whenever an app runs as a new process, with the
// launcher's lines (`[sanbao] <name> exited (SIGKILL); restarting in ...`) and the apps' output.
// SIGTERM, SIGINT or the end of stdin (the test is gone) stop the apps and then this process.
import { onSignals, stopAll } from '../../deploy/local/stack/processes.mjs';
import { supervise } from '../../deploy/local/stack/supervise.mjs';

const apps = JSON.parse(process.env.SUPERVISED_APPS ?? '[]');
const firstDelayMs = Number(process.env.SUPERVISED_FIRST_DELAY_MS || 1000);

const stop = async () => {
  await stopAll();
  process.stdout.write('[supervised] stopped\n');
  process.exit(0);
};
onSignals(stop);
process.stdin.on('end', () => void stop());
process.stdin.resume();

const kept = apps.map(({ name, args, env }) => ({
  name,
  supervisor: supervise(name, process.execPath, args, { firstDelayMs, launch: { env } }),
  pid: undefined,
}));

setInterval(() => {
  for (const app of kept) {
    const pid = app.supervisor.child.pid;
    if (pid === app.pid) continue;
    app.pid = pid;
    process.stdout.write(`[supervised] ${app.name} pid ${pid}\n`);
  }
}, 50);
