import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { RateLimitSettings } from './RateLimitSettings';
import { RateLimitStage } from './RateLimitStage';

/** `@RateLimit`'s stage: each attempt takes a slot, after the breaker and before a bulkhead slot. */
export const rateLimitDescriptor: DecoratedStageDescriptor<RateLimitSettings> = {
  name: 'rateLimit',
  key: metadataKey<RateLimitSettings>('rateLimit'),
  build: (rateLimit, { method, services }, next) => rateLimit && new RateLimitStage(rateLimit, next, method, services),
};
