import type { JobContext } from './JobContext';

/** What a `@Job` class's instances do. */
export interface JobInstance {
  /** One run of the job, through the method's decorators; the scheduler records how it ended. */
  run(context: JobContext): Promise<unknown>;
}

/** A class decorated with `@Job`, resolved through the container. */
export type JobClass = new (...args: never[]) => JobInstance;
