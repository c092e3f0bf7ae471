import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { lineWanted } from '../logging/lineWanted';
import { metadataKey } from '../metadata/MetadataKey';
import type { LoggedSettings } from './LoggedSettings';
import { LoggedStage } from './LoggedStage';

/** `@Logged`'s stage: outside everything but the job stage, so its lines frame the whole call. */
export const loggedDescriptor: DecoratedStageDescriptor<LoggedSettings> = {
  name: 'logged',
  key: metadataKey<LoggedSettings>('logged'),
  // With even `error` off, and no telemetry to count its events, it would write nothing and carry
  // nothing: absent. (Telemetry's tap is in place by now: its stages are built first, inside.)
  followsLevel: true,
  hooks: (logged, { method, services }) =>
    logged === undefined || !lineWanted(services.logger, 'error') ? undefined : new LoggedStage(logged, method, services.clock),
};
