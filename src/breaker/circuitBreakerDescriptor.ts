import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { CircuitBreakerSettings } from './CircuitBreakerSettings';
import { CircuitBreakerStage } from './CircuitBreakerStage';

/** `@CircuitBreaker`'s stage, as hooks: counts every attempt. */
export const circuitBreakerDescriptor: DecoratedStageDescriptor<CircuitBreakerSettings> = {
  name: 'circuitBreaker',
  key: metadataKey<CircuitBreakerSettings>('circuitBreaker'),
  hooks: (breaker, { method, services }) => breaker && new CircuitBreakerStage(breaker, method, services),
};
