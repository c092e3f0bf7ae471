import { checkKnownKeys, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { isBroad, type MatcherLike, toMatcher } from '../matching/ErrorMatcher';
import type { CatchOptions } from './CatchOptions';
import type { CatchHandler, CatchRule } from './CatchRule';

/**
 * Checks one `@Catch` and builds its rule. A handler name is checked against the class apart,
 * once the class is complete (`checkMethodOf`).
 * @throws ConfigError for a broad matcher without `broad: true`, a handler that is neither a
 * name nor a function, or an unknown option.
 */
export function catchRule(
  site: string,
  matcher: MatcherLike,
  handler: string | CatchHandler,
  options: CatchOptions = {},
): CatchRule {
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['broad']);
  checkOneOf(site, 'broad', options.broad, [true, false]);
  if (matcher === undefined || matcher === null) {
    throw new ConfigError(`${site}: a matcher is required; name the errors to handle (e.g. errors.permissionDenied)`);
  }
  const rule = toMatcher(matcher, `${site}: matcher`);
  if (isBroad(rule) && options.broad !== true) {
    throw new ConfigError(
      `${site}: the matcher (${rule.description}) matches every error, programmer errors included; ` +
        'name the errors you mean, or pass { broad: true } if a catch-all is intended',
    );
  }
  if (typeof handler === 'string') return { matcher: rule, handler, handlerName: handler };
  if (typeof handler !== 'function') {
    throw new ConfigError(`${site}: the handler must be a method name or a function, got ${String(handler)}`);
  }
  return { matcher: rule, handler, handlerName: handler.name || '(anonymous function)' };
}
