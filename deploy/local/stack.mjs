#!/usr/bin/env node
// The local stack behind `npm start` and `npm test`: the real Temporal dev server (built once
// from the pinned CLI module), NATS with JetStream and PostgreSQL. What already answers is
// used; what is missing is started; what this script started, it stops on Ctrl-C.
//
//   node deploy/local/stack.mjs start   whole system: stack, migrations, all seven apps
//   node deploy/local/stack.mjs up      the stack and migrations only
//   node deploy/local/stack.mjs test    the stack for tests, then jest (extra args go to jest)
//
// The rooms are in ./stack/: processes (start, stop, wait), supervise (restart an app that
// exits, with back-off), builds (npm ci, tsc, console),
// temporal, nats, postgres, and the modes (serve: start and up; test). Every one of them
// imports only Node built-ins at the top: this file runs before `npm ci`.
import { StackError } from './stack/context.mjs';
import { stopAll } from './stack/processes.mjs';
import { startMode, upMode } from './stack/serve.mjs';
import { testMode } from './stack/test.mjs';

const mode = process.argv[2] ?? 'start';
const passThrough = process.argv.slice(3);

const modes = { start: startMode, up: upMode, test: () => testMode(passThrough) };
if (!modes[mode]) {
  process.stderr.write(`usage: node deploy/local/stack.mjs start|up|test [jest args]\n`);
  process.exit(2);
}
modes[mode]().catch(async (error) => {
  process.stderr.write(`[sanbao] ${error instanceof StackError ? error.message : error.stack}\n`);
  await stopAll();
  process.exit(1);
});
