import { catchDescriptor } from '../src/catch/catchDescriptor';
import type { CatchOptions } from '../src/catch/CatchOptions';
import type { CatchHandler } from '../src/catch/CatchRule';
import { catchRule } from '../src/catch/CatchSettings';
import { checkMethodOf } from '../src/config/validate';
import type { MatcherLike } from '../src/matching/ErrorMatcher';
import { addInDeclarationOrder } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Handles specific errors once everything inside (retries included) has given up: the first
 * `@Catch` from the top whose matcher matches calls its handler, and the handler's result becomes
 * the call's. `handler` is a method name on the same class, called as
 * `handler(error, ...originalArgs)`, or a function `(error, context)`. Always logs
 * `catch.handled`. A matcher that matches every error is refused unless `{ broad: true }`.
 * @example
 * \@Catch(errors.permissionDenied, 'skipReport')
 * async export(path: string) { ... }
 * skipReport(error: unknown, path: string) { return undefined; }
 * @throws ConfigError when the class is defined: broad matcher, unknown handler method, bad option.
 */
export function Catch(
  matcher: MatcherLike,
  handler: string | CatchHandler,
  options?: CatchOptions,
): MendkitMethodDecorator {
  return methodDecorator('Catch', (site) => {
    addInDeclarationOrder(site.metadata, catchDescriptor.key, catchRule(site.label, matcher, handler, options));
    if (typeof handler === 'string') site.whenClassIsComplete((owner, label) => checkMethodOf(label, owner, handler, 'handler'));
  });
}
