import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { HedgeSettings } from './HedgeSettings';
import { HedgeStage } from './HedgeStage';

/**
 * `@Hedge`'s stage: inside `@Retry` and `@CircuitBreaker` (a hedged attempt is one attempt to
 * them, counted once) and outside `@Timeout`, so each hedged run has its own time limit.
 */
export const hedgeDescriptor: DecoratedStageDescriptor<HedgeSettings> = {
  name: 'hedge',
  key: metadataKey<HedgeSettings>('hedge'),
  build: (hedge, { services }, next) => hedge && new HedgeStage(hedge, next, services.clock),
};
