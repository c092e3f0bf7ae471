import type { DecoratedStageDescriptor } from '../call/StageDescriptor';
import { metadataKey } from '../metadata/MetadataKey';
import { JobRunStage } from './JobRunStage';

/**
 * The job stage: set by `@Job` on the class's `run`. Outside everything, so it sees the attempts
 * and the final outcome.
 */
export const jobRunDescriptor: DecoratedStageDescriptor<true> = {
  name: 'jobRun',
  key: metadataKey<true>('jobRun'),
  build: (jobRun, _context, next) => (jobRun ? new JobRunStage(next) : undefined),
};
