import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { CircuitBreakerSettings } from './CircuitBreakerSettings';
import { CircuitBreakerStage } from './CircuitBreakerStage';

/** `@CircuitBreaker`'s stage: counts every attempt, so it is never skipped when in use. */
export const circuitBreakerDescriptor: DecoratedStageDescriptor<CircuitBreakerSettings> = {
  name: 'circuitBreaker',
  key: metadataKey<CircuitBreakerSettings>('circuitBreaker'),
  build: (breaker, { method, services }, next) => breaker && new CircuitBreakerStage(breaker, next, method, services),
  skippableOnSuccess: (breaker) => breaker === undefined,
};
