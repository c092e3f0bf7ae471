import type { Scheduler } from './Scheduler';

/** Options of {@link shutdownOnSignals}. */
export interface ShutdownOptions {
  /** Exit the process once stopped: 0 when every run finished, 1 when one had to be aborted. @default true */
  readonly exit?: boolean;
  /** Called with the exit code once stopped (before exiting). @default none */
  readonly onStopped?: (exitCode: number) => void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM or SIGINT, stops the scheduler gracefully (see `Scheduler.stop`) and exits 0 when
 * every run finished within the grace period, 1 when one was aborted. A second signal while
 * stopping exits at once with 1.
 * @returns a function that removes the signal handlers.
 * @example
 * await scheduler.start();
 * shutdownOnSignals(scheduler);
 */
export function shutdownOnSignals(scheduler: Scheduler, options: ShutdownOptions = {}): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`mendkit: ${signal} again while stopping; exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    void scheduler.stop().then(
      ({ aborted }) => done(aborted.length === 0 ? 0 : 1),
      (error: unknown) => {
        process.stderr.write(`mendkit: stopping failed: ${String(error)}\n`);
        done(1);
      },
    );
  };
  const done = (code: number) => {
    remove();
    options.onStopped?.(code);
    if (options.exit ?? true) process.exit(code);
  };
  const remove = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return remove;
}
