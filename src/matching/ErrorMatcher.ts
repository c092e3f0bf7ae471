import { ConfigError } from '../errors/ConfigError';
import { someInChain } from './errorFacts';

/** Decides whether an error is one a retry, catch or heal is meant for. */
export interface ErrorMatcher {
  /** What it matches, for logs and error messages, e.g. `code ENOENT`. */
  readonly description: string;
  /** Whether `error` (or anything along its `cause` chain) matches. */
  matches(error: unknown): boolean;
}

/** An error class: matches instances of it (and of its subclasses). */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** A predicate over one error of the chain. */
export type ErrorPredicate = (error: unknown) => boolean;

/**
 * Anything mendkit accepts where it needs a matcher: a matcher, an error class, an error code
 * (`'ENOENT'`), an HTTP status (`503`), a message pattern (`/quota/i`), a predicate, or a list
 * of these (any of them). Every form walks the `cause` chain.
 */
export type MatcherLike =
  | ErrorMatcher
  | ErrorClass
  | string
  | number
  | RegExp
  | ErrorPredicate
  | readonly MatcherLike[];

/** A matcher that applies `test` to each error along the cause chain. */
export function chainMatcher(description: string, test: (link: unknown) => boolean): ErrorMatcher {
  return {
    description,
    matches: (error) => someInChain(error, test),
  };
}

function isErrorClass(value: unknown): value is ErrorClass {
  return (
    typeof value === 'function' &&
    (value === Error || (value.prototype !== undefined && value.prototype instanceof Error))
  );
}

function isMatcher(value: unknown): value is ErrorMatcher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorMatcher).matches === 'function' &&
    typeof (value as ErrorMatcher).description === 'string'
  );
}

function linkHas(key: 'code' | 'status' | 'statusCode', expected: unknown) {
  return (link: unknown) =>
    typeof link === 'object' && link !== null && (link as Record<string, unknown>)[key] === expected;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `the class or function ${value.name || '(anonymous)'}`;
  return String(value);
}

const EXPECTED =
  'expected a matcher, an error class, a code, an HTTP status, a RegExp, a predicate or a list of these';

/** Why `like` cannot be a matcher although its type is one mendkit accepts, or undefined. */
function unusable(like: unknown): string | undefined {
  if (typeof like === 'number' && !(Number.isInteger(like) && like >= 100 && like <= 599)) {
    return 'a number matches an HTTP status, an integer from 100 to 599';
  }
  if (typeof like === 'string' && !/^\S+$/.test(like)) {
    return "a string matches an error code such as 'ENOENT' (no spaces); match a message with a RegExp";
  }
  if (typeof like === 'function' && !isErrorClass(like)) {
    if (/^class\b/.test(Function.prototype.toString.call(like))) return 'a class must extend Error';
    const kind = (like as { constructor?: { name?: string } }).constructor?.name;
    if (kind === 'AsyncFunction' || kind === 'AsyncGeneratorFunction' || kind === 'GeneratorFunction') {
      return 'a predicate must return a boolean at once, not a promise or an iterator';
    }
  }
  if (Array.isArray(like) && like.length === 0) return 'an empty list matches nothing';
  return undefined;
}

/**
 * Turns a {@link MatcherLike} into an {@link ErrorMatcher}.
 * @param where names the option in an error message, e.g. "@Retry on Sync.run: `on`".
 * @throws ConfigError when `like` is none of the accepted forms, or one that can never match as
 * meant: a number that is not an HTTP status (`42.5`), an empty or spaced string, a class that
 * does not extend Error, an async predicate, an empty list.
 */
export function toMatcher(like: MatcherLike, where = 'error matcher'): ErrorMatcher {
  const problem = unusable(like);
  if (problem !== undefined) throw new ConfigError(`${where}: ${describeValue(like)} is not an error matcher: ${problem}`);
  if (isMatcher(like)) return like;
  if (isErrorClass(like)) return chainMatcher(`instance of ${like.name}`, (link) => link instanceof like);
  if (typeof like === 'function') {
    const predicate = like as ErrorPredicate;
    return chainMatcher(`predicate ${predicate.name || '(anonymous)'}`, (link) => predicate(link) === true);
  }
  if (typeof like === 'string') return chainMatcher(`code ${like}`, linkHas('code', like));
  if (typeof like === 'number') {
    const status = linkHas('status', like);
    const statusCode = linkHas('statusCode', like);
    return chainMatcher(`HTTP ${like}`, (link) =>
      status(link) || statusCode(link) || status((link as { response?: unknown })?.response),
    );
  }
  if (like instanceof RegExp) {
    // A global or sticky RegExp remembers where it last matched: test a copy without those flags.
    const pattern = new RegExp(like.source, like.flags.replace(/[gy]/g, ''));
    return chainMatcher(`message ${like}`, (link) => {
      const message = (link as { message?: unknown })?.message;
      return typeof message === 'string' && pattern.test(message);
    });
  }
  if (Array.isArray(like)) return anyOf(like.map((item: MatcherLike) => toMatcher(item, where)));
  throw new ConfigError(`${where}: ${describeValue(like)} is not an error matcher (${EXPECTED})`);
}

/** A matcher that matches when any of `matchers` does. */
export function anyOf(matchers: readonly ErrorMatcher[]): ErrorMatcher {
  return {
    description: matchers.map((m) => m.description).join(' or '),
    matches: (error) => matchers.some((m) => m.matches(error)),
  };
}

const PROBE_MESSAGE = 'mendkit: broadness probe';

/**
 * Whether a matcher matches every error: probed with a plain `Error` that has no code, status
 * or cause. Such a matcher would catch programmer errors along with the faults it was meant for.
 */
export function isBroad(matcher: ErrorMatcher): boolean {
  try {
    return matcher.matches(new Error(PROBE_MESSAGE));
  } catch {
    return false;
  }
}
