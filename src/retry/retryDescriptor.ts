import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { RetrySettings } from './RetrySettings';
import { RetryStage } from './RetryStage';

/** `@Retry`'s stage: the attempt loop around everything inside it. */
export const retryDescriptor: DecoratedStageDescriptor<RetrySettings> = {
  name: 'retry',
  key: metadataKey<RetrySettings>('retry'),
  build: (retry, { method, services }, next) => retry && new RetryStage(retry, next, method, services.clock),
  // retryIf inspects every result; a time budget must start before the first attempt.
  skippableOnSuccess: (retry) => retry === undefined || (retry.retryIf === undefined && retry.maxElapsedMs === undefined),
};
