import type { CoalesceOptions } from '../src/coalesce/CoalesceOptions';
import { coalesceSettings } from '../src/coalesce/CoalesceSettings';
import { coalesceDescriptor } from '../src/coalesce/coalesceDescriptor';
import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Concurrent calls with the same key (on the same object) share one execution — retries and heals
 * included — and each gets its result, or the same error object. Once it settles the next call
 * runs again: nothing is cached. A caller whose signal aborts leaves alone; the execution is
 * aborted only when every caller has left. Sits inside `@Logged` and `@Catch` (each caller has
 * its own lines and its own handling) and outside `@Retry`.
 * @example
 * \@Coalesce()
 * async loadConfig(environment: string) { ... }
 * @throws ConfigError when the class is defined, for a bad option (naming it); at call time,
 * when no `key` is given and an argument is not plain data.
 */
export function Coalesce<A extends unknown[] = unknown[]>(options?: CoalesceOptions<A>): MendkitMethodDecorator {
  return methodDecorator('Coalesce', (site) => setOnce(site.metadata, coalesceDescriptor.key, coalesceSettings(site.label, options), site.label));
}
