import { injectable } from 'tsyringe';
import { ConfigError } from '../src/errors/ConfigError';
import type { JobClass } from '../src/jobs/JobClass';
import type { JobOptions } from '../src/jobs/JobOptions';
import { registerJobClass } from '../src/jobs/jobRegistry';
import { jobSettings } from '../src/jobs/JobSettings';
import { jobRunDescriptor } from '../src/jobrun/jobRunDescriptor';
import { requireReflectMetadata } from '../src/metadata/methodMetadata';
import { decorateMethod } from '../src/pipeline/decorateMethod';

/**
 * Makes a class a scheduled job: a name and exactly one trigger (`cron` with `timezone`,
 * `every`, or `watch`). The class is injectable (its constructor's dependencies come from the
 * container) and needs an `async run(context)` method, which may carry any method decorator
 * (`@Retry`, `@Catch`, `@Timeout`…): a run goes through the same pipeline as any call.
 * @example
 * \@Job({ name: 'db-backup', cron: '0 3 * * *', timezone: 'Europe/Paris', catchUp: true })
 * class DbBackup {
 *   \@Retry({ attempts: 3 })
 *   async run(context: JobContext) { ... }
 * }
 * @throws ConfigError when the class is defined, for a bad option, an invalid cron expression,
 * no trigger or two, or a missing `run` method — naming the job and its class.
 */
export function Job(options: JobOptions): <T extends JobClass>(target: T) => T {
  return (target) => {
    requireReflectMetadata();
    const settings = jobSettings(target.name, options);
    const prototype = target.prototype as object;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'run');
    if (descriptor === undefined || typeof descriptor.value !== 'function') {
      throw new ConfigError(`@Job('${settings.name}') on ${target.name}: the class needs an \`async run(context)\` method`);
    }
    decorateMethod('Job', prototype, 'run', descriptor, () =>
      Reflect.defineMetadata(jobRunDescriptor.key.symbol, true, prototype, 'run'),
    );
    Object.defineProperty(prototype, 'run', descriptor);
    injectable()(target);
    registerJobClass(target, settings);
    return target;
  };
}
