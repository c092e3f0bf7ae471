import type { CleanupOptions } from '../src/call/CleanupOptions';
import { CLEANUP_KEY, cleanupRule } from '../src/call/CleanupRule';
import { checkMethodOf } from '../src/config/validate';
import { refuseHedgedCleanups } from '../src/hedge/refuseCleanups';
import { addInDeclarationOrder } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Declares an undo step: the named method of the same class, called with the call's arguments,
 * as though the method registered it with `currentCall().onCleanup` at the start of every
 * attempt — so it runs when an attempt fails (before a retry, or when the call finally fails),
 * and with `{ always: true }` when the call succeeds too.
 * @example
 * \@Cleanup('releaseLock')
 * async rotate(path: string) { await this.takeLock(path); ... }
 * releaseLock(path: string) { return rm(`${path}.lock`, { force: true }); }
 * @throws ConfigError when the class is defined, if the method does not exist or an option is bad,
 * or when the method also has `@Hedge` without `allowWithCleanup`.
 */
export function Cleanup(method: string, options?: CleanupOptions): MendkitMethodDecorator {
  return methodDecorator('Cleanup', (site) => {
    addInDeclarationOrder(site.metadata, CLEANUP_KEY, cleanupRule(site.label, method, options));
    refuseHedgedCleanups(site.label, site.metadata);
    site.whenClassIsComplete((owner, label) => checkMethodOf(label, owner, method, 'cleanup'));
  });
}
