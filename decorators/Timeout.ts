import { timeoutDescriptor } from '../src/timeout/timeoutDescriptor';
import { setOnce } from '../src/metadata/methodMetadata';
import { decorateMethod } from '../src/pipeline/decorateMethod';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { timeoutSettings } from '../src/timeout/TimeoutSettings';

/**
 * Bounds each attempt to `ms` milliseconds: past it, the attempt's signal (`currentCall().signal`)
 * is aborted and the attempt rejects with `TimeoutError`, which `@Retry` retries by default.
 * @example
 * \@Timeout(5000)
 * async fetchReport() { return fetch(url, { signal: currentCall().signal }); }
 * @throws ConfigError when the class is defined, if `ms` is not a number > 0.
 */
export function Timeout(ms: number): MendkitMethodDecorator {
  return (owner, property, descriptor) =>
    decorateMethod('Timeout', owner, property, descriptor, (site) =>
      setOnce(timeoutDescriptor.key, timeoutSettings(site.label, ms), owner, property, site.label),
    );
}
