import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { CatchRule } from './CatchRule';
import { CatchStage } from './CatchStage';

/** `@Catch`'s stage: handles what everything inside it gave up on. Its rules are in declaration order. */
export const catchDescriptor: DecoratedStageDescriptor<readonly CatchRule[]> = {
  name: 'catch',
  key: metadataKey<readonly CatchRule[]>('catches'),
  build: (catches, { method }, next) => (catches === undefined ? undefined : new CatchStage(catches, next, method)),
  skippableOnSuccess: () => true,
};
