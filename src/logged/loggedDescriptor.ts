import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { LoggedSettings } from './LoggedSettings';
import { LoggedStage } from './LoggedStage';

/** `@Logged`'s stage: outside everything but the job stage, so its lines frame the whole call. */
export const loggedDescriptor: DecoratedStageDescriptor<LoggedSettings> = {
  name: 'logged',
  key: metadataKey<LoggedSettings>('logged'),
  build: (logged, { method, services }, next) => logged && new LoggedStage(logged, next, method, services.clock),
  // With even `error` off it writes nothing and carries nothing (the pipeline is rebuilt when the
  // logger's level changes).
  skippableOnSuccess: (logged, { logger }) => logged === undefined || !logger.isLevelEnabled('error'),
};
