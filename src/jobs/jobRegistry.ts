/// <reference types="reflect-metadata" />
import { KEYS } from '../metadata/keys';
import type { JobClass } from './JobClass';
import type { JobSettings } from './JobSettings';

/**
 * Every class `@Job` decorated in this process, in the order they were defined. The list lives on
 * `globalThis` under a registered symbol so two copies of mendkit (the CLI's and a module's)
 * share it. It holds classes only: nothing is registered in a container at import time.
 */
const REGISTRY = Symbol.for('mendkit.jobClasses');

function registry(): JobClass[] {
  const holder = globalThis as { [REGISTRY]?: JobClass[] };
  return (holder[REGISTRY] ??= []);
}

/** Records a decorated job class. */
export function registerJobClass(jobClass: JobClass): void {
  registry().push(jobClass);
}

/** The job classes decorated so far; `since` skips the first ones (what a module added). */
export function decoratedJobClasses(since = 0): readonly JobClass[] {
  return registry().slice(since);
}

/** A job class's settings, or undefined when `value` is not a `@Job` class. */
export function readJobSettings(value: unknown): JobSettings | undefined {
  if (typeof value !== 'function') return undefined;
  return Reflect.getOwnMetadata(KEYS.job.symbol, value) as JobSettings | undefined;
}
