import { CatchStage } from '../catch/CatchStage';
import type { Services } from '../di/services';
import { JobRunStage } from '../jobs/JobRunStage';
import type { MethodMetadata } from '../metadata/methodMetadata';
import { RetryStage } from '../retry/RetryStage';
import { TimeoutStage } from '../timeout/TimeoutStage';
import type { Invoker } from './Invoker';
import type { MethodInfo } from './MethodInfo';

/** What a stage is built from. */
export interface StageContext {
  readonly metadata: MethodMetadata;
  readonly method: MethodInfo;
  readonly services: Services;
}

/** Builds a stage around `next`, or returns undefined when the method does not use it. */
export type StageFactory = (context: StageContext, next: Invoker) => Invoker | undefined;

/**
 * The fixed stage order, outermost first, whatever order the decorators were written in:
 * Catch sees what Retry gave up on; Retry repeats everything inside it; Timeout bounds each attempt.
 */
export const STAGES: readonly StageFactory[] = Object.freeze([
  // A job's run: outside everything, so it sees the attempts and the final outcome.
  ({ metadata }, next) => (metadata.jobRun ? new JobRunStage(next) : undefined),
  ({ metadata, method }, next) =>
    metadata.catches.length > 0 ? new CatchStage(metadata.catches, next, method) : undefined,
  ({ metadata, method, services }, next) =>
    metadata.retry && new RetryStage(metadata.retry, next, method, services.clock),
  ({ metadata, method, services }, next) =>
    metadata.timeout && new TimeoutStage(metadata.timeout.ms, next, method, services.clock),
]);
