import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import type { LoggedSettings } from './LoggedSettings';
import { LoggedStage } from './LoggedStage';

/** `@Logged`'s stage: outside everything but the job stage, so its lines frame the whole call. */
export const loggedDescriptor: DecoratedStageDescriptor<LoggedSettings> = {
  name: 'logged',
  key: metadataKey<LoggedSettings>('logged'),
  // With even `error` off it would write nothing and carry nothing: absent.
  followsLevel: true,
  hooks: (logged, { method, services }) =>
    logged === undefined || !services.logger.isLevelEnabled('error') ? undefined : new LoggedStage(logged, method, services.clock),
};
