/**
 * A second process that races a test's filesystem code, started with `fork` (see `startFsRacer`).
 * `swap <dir> <outside>` swaps `dir` for a symlink to `outside` and back, over and over;
 * `churn <dir> <pattern>` deletes the files and directories under `dir` whose names match
 * `pattern`, over and over.
 * It races in bursts between event-loop turns, so it hears `pause` (answered with `paused` once
 * `dir` is back to how it was, and the number of swaps or deletions so far), `go` and `stop`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

type Mode = 'swap' | 'churn';

/** Busy-waits up to 50 µs, so each state lasts long enough to fall between a check and an act. */
function linger(): void {
  const until = process.hrtime.bigint() + BigInt(Math.floor(Math.random() * 50_000));
  while (process.hrtime.bigint() < until);
}

function swapOnce(dir: string, outside: string): number {
  const aside = `${dir}.real`;
  renameSync(dir, aside);
  symlinkSync(outside, dir);
  linger();
  rmSync(dir); // the link, not its target
  renameSync(aside, dir);
  linger();
  return 1;
}

function churnOnce(dir: string, pattern: RegExp): number {
  let deleted = 0;
  const walk = (path: string): void => {
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return; // the test removed it meanwhile
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (!pattern.test(entry.name)) {
        if (entry.isDirectory()) walk(full);
      } else {
        try {
          rmSync(full, { recursive: true });
          deleted += 1;
        } catch {
          // deleted by the code under test first: that is the race
        }
      }
    }
  };
  walk(dir);
  return deleted;
}

function runChild(mode: Mode, dir: string, arg: string): void {
  const pattern = new RegExp(arg);
  let done = 0;
  let paused = true;
  const burst = (): void => {
    if (paused) return;
    for (let i = 0; i < 20; i++) done += mode === 'swap' ? swapOnce(dir, arg) : churnOnce(dir, pattern);
    setImmediate(burst);
  };
  process.on('message', (message: string) => {
    if (message === 'go' && paused) {
      paused = false;
      setImmediate(burst);
    } else if (message === 'pause') {
      paused = true;
      process.send?.({ paused: done });
    } else if (message === 'stop') {
      process.exit(0);
    }
  });
  process.send?.({ ready: true });
}

/** The racer, seen from the test. */
export interface FsRacer {
  /** Starts (or resumes) racing. */
  go(): void;
  /** Stops racing; resolves, once `dir` is as it was, with the swaps or deletions done so far. */
  pause(): Promise<number>;
  /** Ends the child process. */
  stop(): Promise<void>;
}

/** Forks the racer for `mode` and resolves once it is ready (paused). */
export async function startFsRacer(mode: Mode, dir: string, arg: string): Promise<FsRacer> {
  const child: ChildProcess = fork(__filename, [mode, dir, arg], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = async (): Promise<Record<string, number | boolean>> => {
    const [message] = (await once(child, 'message')) as [Record<string, number | boolean>];
    return message;
  };
  await next();
  return {
    go: () => child.send('go'),
    pause: async () => {
      const answer = next();
      child.send('pause');
      return Number((await answer).paused);
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}

if (require.main === module) {
  const [mode, dir, arg] = process.argv.slice(2) as [Mode, string, string];
  runChild(mode, dir, arg);
}
