import { CircuitBreakerStage } from '../breaker/CircuitBreakerStage';
import { BulkheadStage } from '../bulkhead/BulkheadStage';
import { CatchStage } from '../catch/CatchStage';
import type { Services } from '../di/services';
import { buildFaultStage } from '../faults/faultDescriptor';
import { buildHealStage } from '../heal/healDescriptor';
import { LoggedStage } from '../logged/LoggedStage';
import { JobRunStage } from '../jobrun/JobRunStage';
import type { MethodMetadata } from '../metadata/methodMetadata';
import { RetryStage } from '../retry/RetryStage';
import { TimeoutStage } from '../timeout/TimeoutStage';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';

/** What a stage is built from. */
export interface StageContext {
  readonly metadata: MethodMetadata;
  readonly method: MethodInfo;
  readonly services: Services;
}

/**
 * Builds a stage around `next`, or returns undefined when the method does not use it.
 * `passesSuccessThrough` says, for a method's metadata and services, that the stage does nothing at all when
 * the first attempt succeeds (or is not used): the pipeline then skips it on that path and only
 * replays a failure into it.
 */
export type StageFactory = ((context: StageContext, next: Invoker) => Invoker | undefined) & {
  readonly passesSuccessThrough?: (metadata: MethodMetadata, services: Services) => boolean;
};

function passive(
  factory: (context: StageContext, next: Invoker) => Invoker | undefined,
  passesSuccessThrough: (metadata: MethodMetadata, services: Services) => boolean,
): StageFactory {
  return Object.assign(factory, { passesSuccessThrough });
}

/**
 * The fixed stage order, outermost first, whatever order the decorators were written in:
 * Catch sees what Retry gave up on; Retry repeats everything inside it; CircuitBreaker counts each
 * attempt; Bulkhead holds a slot only while an attempt runs; Heal fixes a cause and re-runs;
 * Timeout bounds each attempt; Faults, innermost, injects faults the others then meet.
 */
export const STAGES: readonly StageFactory[] = Object.freeze([
  // A job's run: outside everything, so it sees the attempts and the final outcome.
  passive(
    ({ metadata }, next) => (metadata.jobRun ? new JobRunStage(next) : undefined),
    ({ jobRun }) => jobRun === undefined,
  ),
  passive(
    ({ metadata, method, services }, next) =>
      metadata.logged && new LoggedStage(metadata.logged, next, method, services.clock),
    // With even `error` off it writes nothing and carries nothing (the pipeline is rebuilt when
    // the logger's level changes).
    ({ logged }, { logger }) => logged === undefined || !logger.isLevelEnabled('error'),
  ),
  passive(
    ({ metadata, method }, next) =>
      metadata.catches.length > 0 ? new CatchStage(metadata.catches, next, method) : undefined,
    () => true,
  ),
  passive(
    ({ metadata, method, services }, next) =>
      metadata.retry && new RetryStage(metadata.retry, next, method, services.clock),
    // retryIf inspects every result; a time budget must start before the first attempt.
    ({ retry }) => retry === undefined || (retry.retryIf === undefined && retry.maxElapsedMs === undefined),
  ),
  // The breaker and the bulkhead act on every attempt, and a timeout arms a timer for each.
  passive(
    ({ metadata, method, services }, next) =>
      metadata.circuitBreaker && new CircuitBreakerStage(metadata.circuitBreaker, next, method, services),
    ({ circuitBreaker }) => circuitBreaker === undefined,
  ),
  passive(
    ({ metadata, method, services }, next) =>
      metadata.bulkhead && new BulkheadStage(metadata.bulkhead, next, method, services),
    ({ bulkhead }) => bulkhead === undefined,
  ),
  passive(buildHealStage, () => true),
  passive(
    ({ metadata, method, services }, next) =>
      metadata.timeout && new TimeoutStage(metadata.timeout.ms, next, method, services.clock),
    ({ timeout }) => timeout === undefined,
  ),
  // Absent unless the container has a FaultInjector; when present it must see every first attempt.
  buildFaultStage,
]);
