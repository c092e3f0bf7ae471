import type { InjectionToken } from 'tsyringe';
import type { JobInstance } from './JobClass';

/**
 * Job classes registered in the container, discovered by the scheduler besides the ones it is
 * given. Register each with `useClass`, or with `useFactory` when its constructor takes parameters
 * and standard decorators recorded no types for them.
 * @example container.register(JOBS, { useClass: DbBackupJob })
 */
export const JOBS: InjectionToken<JobInstance> = Symbol.for('mendkit.JOBS');
