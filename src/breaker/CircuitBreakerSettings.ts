import type { Backoff } from '../backoff/Backoff';
import {
  checkFunction,
  checkInteger,
  checkKnownKeys,
  checkOptionsObject,
  checkPositive,
} from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { type ErrorMatcher, toMatcher } from '../matching/ErrorMatcher';
import { errors } from '../matching/errors';
import { checkPartitionKey, type PartitionKey } from '../call/PartitionKey';
import type { CircuitBreakerOptions, CircuitStateChange, RatioWindow } from './CircuitBreakerOptions';

/** The rolling window of a breaker with a `ratio` or a `slowCallRatio`, checked. */
export interface WindowRule {
  readonly window: RatioWindow;
  readonly minimumCalls: number;
}

/** `@CircuitBreaker`'s options, checked and with every default filled in. */
export interface CircuitBreakerSettings {
  readonly consecutive: number | undefined;
  /** Open when this share of the window's calls failed. */
  readonly ratio: number | undefined;
  /** Open when this share of the window's calls were slow. */
  readonly slowCallRatio: number | undefined;
  /** The window `ratio` and `slowCallRatio` are measured over; absent without either. */
  readonly window: WindowRule | undefined;
  /** A call that takes at least this long is slow: a success that slow counts as a failure. */
  readonly slowCallMs: number | undefined;
  /** The wait before the n-th opening in a row (from 1) lets a probe through. */
  readonly halfOpenAfter: Backoff;
  readonly halfOpenProbes: number;
  readonly on: ErrorMatcher;
  readonly key: PartitionKey | undefined;
  readonly onStateChange: ((change: CircuitStateChange) => void) | undefined;
}

/** `@CircuitBreaker`'s defaults. */
export const CIRCUIT_BREAKER_DEFAULTS = Object.freeze({
  consecutive: 5,
  window: Object.freeze({ ms: 30_000 }) as RatioWindow,
  minimumCalls: 10,
  halfOpenAfter: 30_000,
  halfOpenProbes: 1,
  on: errors.transient,
});

const KEYS: readonly (keyof CircuitBreakerOptions)[] = [
  'consecutive',
  'ratio',
  'window',
  'minimumCalls',
  'halfOpenAfter',
  'halfOpenProbes',
  'on',
  'key',
  'onStateChange',
  'slowCallMs',
  'slowCallRatio',
];

function checkShare(site: string, field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !(value > 0 && value <= 1))) {
    throw new ConfigError(`${site}: \`${field}\` must be a number in (0, 1], got ${String(value)}`);
  }
}

function windowRule(
  site: string,
  options: Pick<CircuitBreakerOptions, 'ratio' | 'slowCallRatio' | 'window' | 'minimumCalls'>,
): WindowRule | undefined {
  const { ratio, slowCallRatio, window, minimumCalls } = options;
  checkShare(site, 'ratio', ratio);
  checkShare(site, 'slowCallRatio', slowCallRatio);
  if (ratio === undefined && slowCallRatio === undefined) {
    if (window !== undefined || minimumCalls !== undefined) {
      throw new ConfigError(`${site}: \`window\` and \`minimumCalls\` apply to \`ratio\` or \`slowCallRatio\`, and neither is set`);
    }
    return undefined;
  }
  const chosen = window ?? CIRCUIT_BREAKER_DEFAULTS.window;
  checkOptionsObject(`${site}: \`window\``, chosen);
  checkKnownKeys(`${site}: \`window\``, chosen, ['calls', 'ms']);
  if ((chosen.calls === undefined) === (chosen.ms === undefined)) {
    throw new ConfigError(`${site}: \`window\` must be either { calls } or { ms }`);
  }
  checkInteger(site, 'window.calls', chosen.calls, 1);
  checkPositive(site, 'window.ms', chosen.ms);
  checkInteger(site, 'minimumCalls', minimumCalls, 1);
  const defaultMinimum = Math.min(CIRCUIT_BREAKER_DEFAULTS.minimumCalls, chosen.calls ?? Infinity);
  const minimum = minimumCalls ?? defaultMinimum;
  if (chosen.calls !== undefined && minimum > chosen.calls) {
    throw new ConfigError(
      `${site}: \`minimumCalls\` (${minimum}) exceeds \`window.calls\` (${chosen.calls}); the circuit could never open`,
    );
  }
  return { window: chosen, minimumCalls: minimum };
}

/** `slowCallRatio` measures calls slower than `slowCallMs`: it needs it. */
function slowCallMs(site: string, options: Pick<CircuitBreakerOptions, 'slowCallMs' | 'slowCallRatio'>): number | undefined {
  checkPositive(site, 'slowCallMs', options.slowCallMs);
  if (options.slowCallRatio !== undefined && options.slowCallMs === undefined) {
    throw new ConfigError(`${site}: \`slowCallRatio\` needs \`slowCallMs\`, the duration from which a call is slow`);
  }
  return options.slowCallMs;
}

function halfOpenAfter(site: string, value: number | Backoff | undefined): Backoff {
  if (typeof value === 'function') return value;
  checkPositive(site, 'halfOpenAfter', value);
  const ms = value ?? CIRCUIT_BREAKER_DEFAULTS.halfOpenAfter;
  return () => ms;
}

/**
 * Checks `@CircuitBreaker`'s options and fills in the defaults.
 * @throws ConfigError naming `site` and the field at fault.
 */
export function circuitBreakerSettings<A extends unknown[]>(
  site: string,
  options: CircuitBreakerOptions<A> = {},
): CircuitBreakerSettings {
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  checkInteger(site, 'consecutive', options.consecutive, 1);
  checkInteger(site, 'halfOpenProbes', options.halfOpenProbes, 1);
  checkPartitionKey(site, options.key);
  checkFunction(site, 'onStateChange', options.onStateChange);
  const window = windowRule(site, options);
  const slowMs = slowCallMs(site, options);
  return {
    consecutive: options.consecutive ?? (options.ratio === undefined ? CIRCUIT_BREAKER_DEFAULTS.consecutive : undefined),
    ratio: options.ratio,
    slowCallRatio: options.slowCallRatio,
    window,
    slowCallMs: slowMs,
    halfOpenAfter: halfOpenAfter(site, options.halfOpenAfter),
    halfOpenProbes: options.halfOpenProbes ?? CIRCUIT_BREAKER_DEFAULTS.halfOpenProbes,
    on: options.on === undefined ? CIRCUIT_BREAKER_DEFAULTS.on : toMatcher(options.on, `${site}: \`on\``),
    key: options.key as PartitionKey | undefined,
    onStateChange: options.onStateChange,
  };
}
