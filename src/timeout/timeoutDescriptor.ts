import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { TimeoutSettings } from './TimeoutSettings';
import { TimeoutStage } from './TimeoutStage';

/** `@Timeout`'s stage: bounds each attempt, so it arms a timer for every one. */
export const timeoutDescriptor: DecoratedStageDescriptor<TimeoutSettings> = {
  name: 'timeout',
  key: metadataKey<TimeoutSettings>('timeout'),
  build: (timeout, { method, services }, next) => timeout && new TimeoutStage(timeout.ms, next, method, services.clock),
};
