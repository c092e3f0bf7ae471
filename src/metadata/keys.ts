import type { CircuitBreakerSettings } from '../breaker/CircuitBreakerSettings';
import type { BulkheadSettings } from '../bulkhead/BulkheadSettings';
import type { CatchRule } from '../catch/CatchRule';
import type { CleanupRule } from '../call/CleanupRule';
import type { HealRule } from '../heal/HealSettings';
import type { LoggedSettings } from '../logged/LoggedSettings';
import type { JobSettings } from '../jobs/JobSettings';
import type { RetrySettings } from '../retry/RetrySettings';
import type { TimeoutSettings } from '../timeout/TimeoutSettings';
import { metadataKey } from './MetadataKey';

/**
 * Every metadata key mendkit writes, in one place. Values are stored on the prototype (or the
 * class, for static methods) and the property key — never on the function, which another
 * decorator may replace.
 */
export const KEYS = Object.freeze({
  /** Set once the method's wrapper is installed, so later decorators do not wrap it again. */
  wrapped: metadataKey<true>('wrapped'),
  retry: metadataKey<RetrySettings>('retry'),
  /** In declaration order, top to bottom. */
  catches: metadataKey<readonly CatchRule[]>('catches'),
  timeout: metadataKey<TimeoutSettings>('timeout'),
  /** In declaration order, top to bottom. */
  heals: metadataKey<readonly HealRule[]>('heals'),
  circuitBreaker: metadataKey<CircuitBreakerSettings>('circuitBreaker'),
  bulkhead: metadataKey<BulkheadSettings>('bulkhead'),
  /** The method as written, before mendkit wrapped it: `@Logged` reads its parameter names. */
  original: metadataKey<(...args: never[]) => unknown>('original'),
  logged: metadataKey<LoggedSettings>('logged'),
  /** In declaration order, top to bottom. */
  cleanups: metadataKey<readonly CleanupRule[]>('cleanups'),
  /** On a `@Job` class itself (no property). */
  job: metadataKey<JobSettings>('job'),
  /** On a job class's `run` method: its pipeline starts with the job stage. */
  jobRun: metadataKey<true>('jobRun'),
});
