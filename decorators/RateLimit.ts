import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';
import type { RateLimitOptions } from '../src/ratelimit/RateLimitOptions';
import { rateLimitSettings } from '../src/ratelimit/RateLimitSettings';
import { rateLimitDescriptor } from '../src/ratelimit/rateLimitDescriptor';

/**
 * Bounds the rate: at most `limit` attempts of the method (or of one `key`) start in any window
 * of `per` ms — a sliding window, so no window of `per` ever holds more. In `wait` mode a call
 * queues for a slot (bounded by `maxWait` and its abort signal); in `reject` mode it fails at
 * once with `RateLimitedError`, whose `retryAfterMs` `@Retry` honours. Shared by every process
 * when a `RATE_LIMIT_STORE` (`mendkit/redis`) is registered. Sits inside `@CircuitBreaker` and
 * outside `@Bulkhead`: every attempt takes a slot, and waits for it before holding a bulkhead slot.
 * @example
 * \@RateLimit({ limit: 10, per: 1000, mode: 'wait', maxWait: 5000 })
 * async fetchPage(url: string) { ... }
 * @throws ConfigError when the class is defined, for a missing or bad option (naming it).
 */
export function RateLimit<A extends unknown[] = unknown[]>(options: RateLimitOptions<A>): MendkitMethodDecorator {
  return methodDecorator('RateLimit', (site) => setOnce(site.metadata, rateLimitDescriptor.key, rateLimitSettings(site.label, options), site.label));
}
