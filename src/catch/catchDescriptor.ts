import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { CatchRule } from './CatchRule';
import { CatchStage } from './CatchStage';

/** `@Catch`'s stage, as hooks: handles what everything inside it gave up on. Its rules are in declaration order. */
export const catchDescriptor: DecoratedStageDescriptor<readonly CatchRule[]> = {
  name: 'catch',
  key: metadataKey<readonly CatchRule[]>('catches'),
  hooks: (catches, { method }) => catches && new CatchStage(catches, method),
};
