/// <reference types="reflect-metadata" />
import { metadataKey } from '../metadata/MetadataKey';
import type { JobClass } from './JobClass';
import type { JobSettings } from './JobSettings';

/**
 * Every class `@Job` decorated in this process, in the order they were defined. The list lives on
 * `globalThis` under a registered symbol so two copies of mendkit (the CLI's and a module's)
 * share it. It holds classes only: nothing is registered in a container at import time.
 */
const REGISTRY = Symbol.for('mendkit.jobClasses');

/** Where `@Job` records a job class's settings, on the class itself. */
const JOB = metadataKey<JobSettings>('job');

function registry(): JobClass[] {
  const holder = globalThis as { [REGISTRY]?: JobClass[] };
  return (holder[REGISTRY] ??= []);
}

/** Records a decorated job class and its settings. */
export function registerJobClass(jobClass: JobClass, settings: JobSettings): void {
  Reflect.defineMetadata(JOB.symbol, settings, jobClass);
  registry().push(jobClass);
}

/** The job classes decorated so far; `since` skips the first ones (what a module added). */
export function decoratedJobClasses(since = 0): readonly JobClass[] {
  return registry().slice(since);
}

/** A job class's settings, or undefined when `value` is not a `@Job` class. */
export function readJobSettings(value: unknown): JobSettings | undefined {
  if (typeof value !== 'function') return undefined;
  return Reflect.getOwnMetadata(JOB.symbol, value) as JobSettings | undefined;
}
