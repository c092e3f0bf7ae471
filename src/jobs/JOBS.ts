import type { InjectionToken } from 'tsyringe';
import type { JobInstance } from './JobClass';

/**
 * Job classes registered in the container, discovered by the scheduler besides the ones it is
 * given. Register each with `useClass`.
 * @example container.register(JOBS, { useClass: DbBackupJob })
 */
export const JOBS: InjectionToken<JobInstance> = Symbol.for('mendkit.JOBS');
