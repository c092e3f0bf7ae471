import { CLEANUP_KEY } from '../call/CleanupRule';
import { ConfigError } from '../errors/ConfigError';
import type { MetadataStore } from '../metadata/MetadataStore';
import { hedgeDescriptor } from './hedgeDescriptor';

/**
 * Hedging runs the method several times at once and aborts the losers, so undo steps would run
 * for work another run is still doing: refused unless `allowWithCleanup` says they are safe.
 * Called by `@Hedge` and by `@Cleanup` once each has recorded, so either order is caught when the
 * second decorator is applied.
 * @throws ConfigError naming `site` when the method has both `@Hedge` (without
 * `allowWithCleanup`) and `@Cleanup` steps.
 */
export function refuseHedgedCleanups(site: string, metadata: MetadataStore): void {
  const hedge = metadata.get(hedgeDescriptor.key);
  const cleanups = metadata.get(CLEANUP_KEY);
  if (hedge === undefined || hedge.allowWithCleanup || cleanups === undefined || cleanups.length === 0) return;
  const names = cleanups.map((rule) => `\`${rule.method}\``).join(', ');
  throw new ConfigError(
    `${site}: @Hedge runs the method several times at once, but it has @Cleanup undo steps (${names}) ` +
      'that would run for each hedged attempt that loses; hedge only idempotent methods, or pass ' +
      '{ allowWithCleanup: true } to @Hedge if those steps are safe to run per attempt',
  );
}
