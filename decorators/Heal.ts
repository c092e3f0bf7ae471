import type { HealerClass } from '../src/heal/Healer';
import type { HealOptions } from '../src/heal/HealOptions';
import { healRule } from '../src/heal/HealSettings';
import { healDescriptor } from '../src/heal/healDescriptor';
import { addInDeclarationOrder } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Fixes the cause of a failure, then re-runs the call at once (no backoff). The healer class is
 * resolved from the container. Several `@Heal` on one method are tried top to bottom; the first
 * that matches runs. Each heals a call at most `maxHeals` times (default 1), and at most
 * `budget` times across calls; when it cannot heal, the error goes on to `@Retry` and `@Catch`.
 * A heal re-run is a new attempt (fresh signal and timeout) but does not use up a `@Retry` attempt.
 * @example
 * \@Heal(EnsureDirectory)
 * \@Heal(RefreshToken, { maxHeals: 1 })
 * async export(path: string) { ... }
 * @throws ConfigError when the class is defined, for a healer that is not a healer class or a
 * bad option (naming it).
 */
export function Heal(healer: HealerClass, options?: HealOptions): MendkitMethodDecorator {
  return methodDecorator('Heal', (site) => addInDeclarationOrder(site.metadata, healDescriptor.key, healRule(site.label, healer, options)));
}
