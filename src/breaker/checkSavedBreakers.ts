import { ConfigError } from '../errors/ConfigError';
import type { CircuitState, SavedBreaker, SavedBreakers } from './CircuitBreakerOptions';

const STATES: readonly CircuitState[] = ['closed', 'open', 'half-open', 'isolated'];

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function problemWith(entry: Partial<Record<keyof SavedBreaker, unknown>>): string | undefined {
  if (typeof entry.name !== 'string' || entry.name === '') return '`name` must be a non-empty string';
  if (entry.key !== undefined && typeof entry.key !== 'string') return '`key` must be a string when present';
  if (!STATES.includes(entry.state as CircuitState)) return `\`state\` must be one of ${STATES.join(', ')}`;
  if (!isCount(entry.consecutiveFailures) || !isCount(entry.openings)) return '`consecutiveFailures` and `openings` must be integers ≥ 0';
  if (typeof entry.breakMs !== 'number' || !(entry.breakMs >= 0)) return '`breakMs` must be a number ≥ 0';
  const waits = entry.state === 'open' || entry.state === 'half-open';
  if (waits && (typeof entry.halfOpenAt !== 'number' || !Number.isFinite(entry.halfOpenAt))) return '`halfOpenAt` must be a number for an open circuit';
  return undefined;
}

/**
 * Checks what `hydrateBreakers` was given (it may come from a file): the shape `breakersToJSON`
 * writes.
 * @throws ConfigError naming the entry and the field at fault.
 */
export function checkSavedBreakers(saved: unknown): SavedBreakers {
  const site = 'hydrateBreakers';
  if (typeof saved !== 'object' || saved === null) throw new ConfigError(`${site}: expected the object breakersToJSON() returned, got ${String(saved)}`);
  const { version, breakers } = saved as Partial<Record<keyof SavedBreakers, unknown>>;
  if (version !== 1) throw new ConfigError(`${site}: unknown format version ${String(version)}; this mendkit reads version 1`);
  if (!Array.isArray(breakers)) throw new ConfigError(`${site}: \`breakers\` must be an array`);
  breakers.forEach((entry: unknown, index) => {
    const problem = typeof entry === 'object' && entry !== null ? problemWith(entry) : 'it must be an object';
    if (problem !== undefined) throw new ConfigError(`${site}: breakers[${index}]: ${problem}`);
  });
  return saved as SavedBreakers;
}
