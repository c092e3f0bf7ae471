import { classMetadata } from '../metadata/decoratorMode';
import { metadataKey } from '../metadata/MetadataKey';
import type { MetadataStore } from '../metadata/MetadataStore';
import type { JobClass } from './JobClass';
import type { JobSettings } from './JobSettings';

/**
 * Every class `@Job` decorated in this process, in the order they were defined. The list lives on
 * `globalThis` under a registered symbol so two copies of mendkit (the CLI's and a module's)
 * share it. It holds classes only: nothing is registered in a container at import time.
 */
const REGISTRY = Symbol.for('mendkit.jobClasses');

/** Where `@Job` records a job class's settings: the class's own metadata. */
const JOB = metadataKey<JobSettings>('job');

function registry(): JobClass[] {
  const holder = globalThis as { [REGISTRY]?: JobClass[] };
  return (holder[REGISTRY] ??= []);
}

/**
 * Records a decorated job class and its settings in `metadata`, the class's own store (a standard
 * class decorator runs before the class holds its metadata object).
 */
export function registerJobClass(jobClass: JobClass, settings: JobSettings, metadata: MetadataStore): void {
  metadata.set(JOB, settings);
  registry().push(jobClass);
}

/** The job classes decorated so far; `since` skips the first ones (what a module added). */
export function decoratedJobClasses(since = 0): readonly JobClass[] {
  return registry().slice(since);
}

/**
 * A job class's settings, whichever decorator convention `@Job` was written in; undefined when
 * `value` is not a `@Job` class (nor a subclass of none: a subclass is not a job by inheritance).
 */
export function readJobSettings(value: unknown): JobSettings | undefined {
  if (typeof value !== 'function') return undefined;
  return classMetadata(value).get(JOB);
}
