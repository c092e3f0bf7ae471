import type { RunHistory } from '../jobs/RunHistory';
import type { Scheduler } from '../jobs/Scheduler';
import type { HttpServer } from './HttpServer';

/**
 * What the served endpoints read: the scheduler of this process (absent when only a history is
 * served, as by a dashboard for a scheduler running elsewhere) and the run history.
 */
export interface ServeContext {
  readonly scheduler?: Scheduler;
  readonly history: RunHistory;
  /** The state directory, when the history is kept in files. */
  readonly stateDir?: string;
  /** The Redis URL, when the jobs run on BullMQ (`--redis`). */
  readonly redisUrl?: string;
}

/** Registers one feature's endpoints (health, metrics, the dashboard…) on the server. */
export type RouteSet = (server: HttpServer, context: ServeContext) => void;
