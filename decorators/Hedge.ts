import type { HedgeOptions } from '../src/hedge/HedgeOptions';
import { hedgeSettings } from '../src/hedge/HedgeSettings';
import { hedgeDescriptor } from '../src/hedge/hedgeDescriptor';
import { refuseHedgedCleanups } from '../src/hedge/refuseCleanups';
import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Cuts tail latency of an idempotent method: when an attempt has not settled after `delayMs`,
 * another is started beside it (up to `maxHedged` more); the first success wins and the others'
 * signals are aborted (read `currentCall().signal` before the first `await` and pass it on).
 * When every attempt started fails, the call fails with the first one's error. Sits inside
 * `@Retry` and `@CircuitBreaker` and outside `@Timeout`, so each hedged attempt has its own
 * limit. Logged as `hedge.started` and `hedge.won`.
 * @example
 * \@Hedge({ delayMs: 200, maxHedged: 2 })
 * \@Timeout(2000)
 * async fetchQuote(symbol: string) { const { signal } = currentCall(); ... }
 * @throws ConfigError when the class is defined, for a missing or bad option (naming it), or when
 * the method has `@Cleanup` undo steps and `allowWithCleanup` is not set.
 */
export function Hedge(options: HedgeOptions): MendkitMethodDecorator {
  return methodDecorator('Hedge', (site) => {
    setOnce(site.metadata, hedgeDescriptor.key, hedgeSettings(site.label, options), site.label);
    refuseHedgedCleanups(site.label, site.metadata);
  });
}
