import type { CatchRule } from '../catch/CatchRule';
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
  /** On a `@Job` class itself (no property). */
  job: metadataKey<JobSettings>('job'),
  /** On a job class's `run` method: its pipeline starts with the job stage. */
  jobRun: metadataKey<true>('jobRun'),
});
