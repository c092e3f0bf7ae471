import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { BulkheadSettings } from './BulkheadSettings';
import { BulkheadStage } from './BulkheadStage';

/** `@Bulkhead`'s stage: holds a slot only while an attempt runs, so it sees every one. */
export const bulkheadDescriptor: DecoratedStageDescriptor<BulkheadSettings> = {
  name: 'bulkhead',
  key: metadataKey<BulkheadSettings>('bulkhead'),
  build: (bulkhead, { method, services }, next) => bulkhead && new BulkheadStage(bulkhead, next, method, services),
};
