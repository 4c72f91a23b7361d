// Keeps an app of `npm start` running, as the production manifests' Deployments do (their pods
// restart always, with a growing back-off): an app that exits for any reason but a stop of the
// stack is started again after 1 s, then 2, 4 ... at most 30 s; the wait goes back to 1 s once
// the app has been up a minute. Each restart is said in the stack's output.
import { isStopping, launch, onStop } from './processes.mjs';
import { say } from './context.mjs';

export const RESTART_DEFAULTS = { firstDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

const seconds = (ms) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/**
 * Launches `command args` as `name` and starts it again whenever it exits, until the stack
 * stops (Ctrl-C) or `stop()` is called. `isUp` (optional) says whether the app is healthy: the
 * back-off is reset only after it has been up and healthy for `resetAfterMs`.
 */
export function supervise(name, command, args, options = {}) {
  const { firstDelayMs, maxDelayMs, resetAfterMs } = { ...RESTART_DEFAULTS, ...options };
  const tell = options.say ?? say;
  let current;
  let restarts = 0;
  let delay = firstDelayMs;
  let stopped = false;
  let restartTimer;
  let resetTimer;

  const done = () => stopped || isStopping();

  const start = () => {
    // Off the stack's stop list: the supervisor stops the one running at the time.
    current = launch(name, command, args, { ...options.launch, awaited: true, expectExit: true });
    resetTimer = setTimeout(async () => {
      if (done() || (options.isUp && !(await options.isUp()))) return;
      delay = firstDelayMs; // a minute up: the next exit is a fresh failure
    }, resetAfterMs);
    resetTimer.unref();
    void current.exited.then(({ code, signal }) => {
      clearTimeout(resetTimer);
      if (done()) return;
      restarts += 1;
      const wait = delay;
      delay = Math.min(delay * 2, maxDelayMs);
      tell(
        `${name} exited (${signal ?? code}); restarting in ${seconds(wait)} (restart ${restarts})`,
      );
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        // Ctrl-C reaches the apps and the stack together: check again before starting one.
        if (!done()) start();
      }, wait);
    });
  };

  const stop = async () => {
    stopped = true;
    clearTimeout(restartTimer);
    clearTimeout(resetTimer);
    await current.stop();
  };
  start();
  onStop(name, stop);
  return {
    stop,
    get child() {
      return current.child;
    },
    get restarts() {
      return restarts;
    },
  };
}
