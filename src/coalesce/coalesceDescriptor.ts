import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { CoalesceSettings } from './CoalesceSettings';
import { CoalesceStage } from './CoalesceStage';

/**
 * `@Coalesce`'s stage: outside `@Retry`, so calls that share an execution share its retries and
 * heals too.
 */
export const coalesceDescriptor: DecoratedStageDescriptor<CoalesceSettings> = {
  name: 'coalesce',
  key: metadataKey<CoalesceSettings>('coalesce'),
  build: (coalesce, { method, services }, next) => coalesce && new CoalesceStage(coalesce, next, method, services),
};
