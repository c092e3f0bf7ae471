import { ConfigError } from '../errors/ConfigError';
import { anyOf, chainMatcher, type ErrorMatcher, type ErrorPredicate, type MatcherLike, toMatcher } from './ErrorMatcher';
import { ownCode, ownName, ownStatus } from './errorFacts';
import { isTransient, TRANSIENT_NETWORK_CODES } from './transient';

function codes(...list: string[]): ErrorMatcher {
  const set = new Set(list);
  return chainMatcher(`code ${list.join('/')}`, (link) => {
    const code = ownCode(link);
    return code !== undefined && set.has(code);
  });
}

/**
 * `values`, once each is known to be of the `kind` a helper takes and a usable matcher.
 * @throws ConfigError naming the helper, as `toMatcher` does.
 */
function checked<T extends MatcherLike>(where: string, kind: 'number' | 'string', values: readonly T[]): readonly T[] {
  for (const value of values) {
    if (typeof value !== kind) throw new ConfigError(`${where}: expected a ${kind}, got ${String(value)}`);
    toMatcher(value, where);
  }
  return values;
}

const NETWORK_CODES = [...TRANSIENT_NETWORK_CODES, 'ENOTFOUND', 'UND_ERR_CLOSED', 'UND_ERR_ABORTED'];

/**
 * Ready-made error matchers. Each walks the `cause` chain, so `errors.network` matches the
 * `TypeError('fetch failed')` whose `cause` is an `ECONNRESET`.
 * @example @Catch(errors.permissionDenied, 'skipReport')
 */
export const errors = Object.freeze({
  /** `ENOENT`: a file or directory does not exist. */
  fileNotFound: codes('ENOENT'),
  /** `EACCES` or `EPERM`: the process may not do this to that file. */
  permissionDenied: codes('EACCES', 'EPERM'),
  /** `ENOSPC`: the disk (or its inodes) is full. */
  noSpace: codes('ENOSPC'),
  /** Connection-level network failures, including DNS (`ENOTFOUND`, `EAI_AGAIN`) and undici's socket errors. */
  network: codes(...NETWORK_CODES),
  /** Timeouts: mendkit's `TimeoutError`, `AbortSignal.timeout`'s `TimeoutError`, `ETIMEDOUT` and undici's timeouts. */
  timeout: anyOf([
    chainMatcher('name TimeoutError', (link) => ownName(link) === 'TimeoutError'),
    codes('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'),
  ]),
  /** The default retry classifier: see "What is transient" in docs/errors.md for the exact list. */
  transient: { description: 'transient', matches: isTransient } as ErrorMatcher,
  /**
   * HTTP errors with one of these statuses (from `status`, `statusCode` or `response.status`);
   * with none given, any HTTP error status (400–599).
   * @example errors.http(401, 403)
   */
  http(...statuses: number[]): ErrorMatcher {
    const wanted = new Set(checked('errors.http()', 'number', statuses));
    return chainMatcher(statuses.length ? `HTTP ${statuses.join('/')}` : 'HTTP 4xx/5xx', (link) => {
      const status = ownStatus(link);
      return status !== undefined && (wanted.size ? wanted.has(status) : status >= 400);
    });
  },
  /** Errors with one of these codes. @example errors.code('EBUSY', 'ETXTBSY') */
  code: (...list: string[]): ErrorMatcher => codes(...checked('errors.code()', 'string', list)),
  /** Errors whose message matches `pattern`. @throws ConfigError unless it is a RegExp. */
  message(pattern: RegExp): ErrorMatcher {
    if (!(pattern instanceof RegExp)) throw new ConfigError(`errors.message(): expected a RegExp, got ${String(pattern)}`);
    return toMatcher(pattern);
  },
  /** Errors for which `predicate` returns true. @throws ConfigError unless it is a predicate. */
  where(predicate: ErrorPredicate): ErrorMatcher {
    if (typeof predicate !== 'function') throw new ConfigError(`errors.where(): expected a function, got ${String(predicate)}`);
    return toMatcher(predicate, 'errors.where()');
  },
  /** Errors any of `matchers` match. */
  anyOf: (...matchers: MatcherLike[]): ErrorMatcher => anyOf(matchers.map((m) => toMatcher(m, 'errors.anyOf()'))),
});
