// The processes and services this stack starts, and stopping exactly those (in reverse order)
// on Ctrl-C or when a mode ends. Also the small waiting and probing helpers they share.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, env, say, StackError } from './context.mjs';

const started = []; // { name, stop: async () => void } in start order
let stopping = false;

export const isStopping = () => stopping;

/** Something to stop with the stack (a database, temp files, an embedded server). */
export function onStop(name, stop) {
  started.push({ name, stop });
}

let stoppedAll;

/**
 * Stops what this stack started, once. A second caller (a mode that ends because the stop began
 * while it waited) gets the same promise, so nobody exits before every process is stopped.
 */
export function stopAll() {
  stopping = true;
  stoppedAll ??= (async () => {
    for (const service of started.reverse()) {
      try {
        await service.stop();
      } catch (error) {
        say(`could not stop ${service.name}: ${error.message}`);
      }
    }
  })();
  return stoppedAll;
}

export function onSignals(handler) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      say(`${signal}: stopping what this stack started`);
      void handler(signal);
    });
  }
}

/**
 * A child process whose output is prefixed and which is stopped with the stack.
 * `awaited: true` leaves it off the stop list: the caller waits for it to end instead.
 */
export function launch(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      rest += chunk.toString();
      const lines = rest.split('\n');
      rest = lines.pop();
      if (options.quiet || (stopping && options.quietWhenStopping)) return;
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.once('exit', (code, signal) => {
    if (!stopping && !options.expectExit) say(`${name} exited (${signal ?? code})`);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 15000);
    await exited;
    clearTimeout(timer);
  };
  if (!options.awaited) onStop(name, stop);
  return { child, exited, stop };
}

/** Runs a command to its end with inherited output; a failure stops the mode. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    stdio: 'inherit',
    env: { ...env, ...options.env },
  });
  if (result.error) throw new StackError(`${command} failed: ${result.error.message}`);
  if (result.status !== 0)
    throw new StackError(`${command} ${args.join(' ')} exited with ${result.status}`);
}

export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new StackError('stopped');
    if (await probe()) return;
    await sleep(300);
  }
  throw new StackError(`${what} did not come up within ${Math.round(timeoutMs / 1000)} s`);
}

export function which(command) {
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
