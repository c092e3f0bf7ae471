import { timeoutDescriptor } from '../src/timeout/timeoutDescriptor';
import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';
import { timeoutSettings } from '../src/timeout/TimeoutSettings';

/**
 * Bounds each attempt to `ms` milliseconds: past it, the attempt's signal (`currentCall().signal`)
 * is aborted and the attempt rejects with `TimeoutError`, which `@Retry` retries by default.
 * @example
 * \@Timeout(5000)
 * async fetchReport() { return fetch(url, { signal: currentCall().signal }); }
 * @throws ConfigError when the class is defined, if `ms` is not a number > 0 (undefined included:
 * `@Timeout(config.timeoutMs)` with the setting missing is refused, not a zero timeout).
 */
export function Timeout(ms: number): MendkitMethodDecorator {
  return methodDecorator('Timeout', (site) => setOnce(site.metadata, timeoutDescriptor.key, timeoutSettings(site.label, ms), site.label));
}
