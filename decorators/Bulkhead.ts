import type { BulkheadOptions } from '../src/bulkhead/BulkheadOptions';
import { bulkheadSettings } from '../src/bulkhead/BulkheadSettings';
import { bulkheadDescriptor } from '../src/bulkhead/bulkheadDescriptor';
import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Bounds concurrency: at most `concurrency` attempts of the method (or of one `key`) run at once,
 * up to `queue` more wait their turn (leaving the queue if their signal aborts), and the rest
 * are rejected at once with `BulkheadRejectedError`, which is not retried by default. Sits
 * inside `@CircuitBreaker` and `@Retry`: an attempt holds its slot only while it runs.
 * @example
 * \@Bulkhead({ concurrency: 4, queue: 100 })
 * async upload(path: string) { ... }
 * @throws ConfigError when the class is defined, for a missing or bad option (naming it).
 */
export function Bulkhead<A extends unknown[] = unknown[]>(options: BulkheadOptions<A>): MendkitMethodDecorator {
  return methodDecorator('Bulkhead', (site) => setOnce(site.metadata, bulkheadDescriptor.key, bulkheadSettings(site.label, options), site.label));
}
