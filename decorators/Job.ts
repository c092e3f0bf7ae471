import { injectable } from 'tsyringe';
import { ConfigError } from '../src/errors/ConfigError';
import type { JobClass } from '../src/jobs/JobClass';
import type { JobOptions } from '../src/jobs/JobOptions';
import { registerJobClass } from '../src/jobs/jobRegistry';
import { jobSettings } from '../src/jobs/JobSettings';
import { jobRunDescriptor } from '../src/jobrun/jobRunDescriptor';
import { classMetadata } from '../src/metadata/decoratorMode';
import { decoratorStore } from '../src/metadata/decoratorStore';
import { requireReflectMetadata } from '../src/metadata/reflectMetadata';
import { decorateOwnMethod } from '../src/pipeline/decorateMethod';
import type { MendkitClassDecorator } from '../src/pipeline/MendkitClassDecorator';

/**
 * Makes a class a scheduled job: a name and exactly one trigger (`cron` with `timezone`,
 * `every`, or `watch`). The class is injectable (its constructor's dependencies come from the
 * container) and needs an `async run(context)` method, which may carry any method decorator
 * (`@Retry`, `@Catch`, `@Timeout`…): a run goes through the same pipeline as any call. Works as a
 * legacy and as a standard decorator; with standard decorators nothing records the constructor's
 * parameter types, so register a class that takes any with a factory (see docs/decorators.md).
 * @example
 * \@Job({ name: 'db-backup', cron: '0 3 * * *', timezone: 'Europe/Paris', catchUp: true })
 * class DbBackup {
 *   \@Retry({ attempts: 3 })
 *   async run(context: JobContext) { ... }
 * }
 * @throws ConfigError when the class is defined, for a bad option, an invalid cron expression,
 * no trigger or two, or a missing `run` method — naming the job and its class.
 */
export function Job(options: JobOptions): MendkitClassDecorator<JobClass> {
  function apply<T extends JobClass>(target: T): T;
  function apply<T extends JobClass>(target: T, context: ClassDecoratorContext<T>): T;
  function apply<T extends JobClass>(target: T, context?: ClassDecoratorContext<T>): T {
    // Standard decorators hand over the class's metadata object; legacy ones only the class.
    const metadata = context?.metadata as object | undefined;
    if (context === undefined) requireReflectMetadata();
    const settings = jobSettings(target.name, options);
    const run = Object.getOwnPropertyDescriptor(target.prototype, 'run');
    if (run === undefined || typeof run.value !== 'function') {
      throw new ConfigError(`@Job('${settings.name}') on ${target.name}: the class needs an \`async run(context)\` method`);
    }
    decorateOwnMethod('Job', target, 'run', metadata, (site) => site.metadata.set(jobRunDescriptor.key, true));
    injectable()(target);
    registerJobClass(target, settings, metadata === undefined ? classMetadata(target) : decoratorStore(metadata));
    return target;
  }
  return apply;
}
