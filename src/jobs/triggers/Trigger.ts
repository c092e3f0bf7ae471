import type { RunTrigger } from '../RunTrigger';

/** Fires runs of one job. */
export interface Trigger {
  start(fire: (trigger: RunTrigger) => void): void;
  /** Resolves once no timer or watcher of this trigger is left. */
  stop(): Promise<void>;
  /** When it fires next (ms since the epoch), while started; a trigger that cannot know (a watch) has none. */
  readonly nextAt?: number | undefined;
}

/** Node's longest timer (about 24.8 days); longer waits are done in steps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
