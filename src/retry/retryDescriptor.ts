import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { RetrySettings } from './RetrySettings';
import { RetryStage } from './RetryStage';

/** `@Retry`'s stage: the attempt loop around everything inside it, as hooks. */
export const retryDescriptor: DecoratedStageDescriptor<RetrySettings> = {
  name: 'retry',
  key: metadataKey<RetrySettings>('retry'),
  hooks: (retry, { method, services }) => retry && new RetryStage(retry, method, services.clock),
};
