import type { DependencyContainer } from 'tsyringe';
import { configuration } from '../di/configure';
import { ConfigError } from '../errors/ConfigError';
import type { Circuit } from './Circuit';
import type { BreakerSnapshot, SavedBreakers } from './CircuitBreakerOptions';
import { circuitRegistry } from './CircuitRegistry';
import { checkSavedBreakers } from './checkSavedBreakers';

/** Which breaker an operator's order is for. */
export interface BreakerSelector {
  /** Only this key's circuit, for a breaker with one circuit per key. @default every circuit of the breaker */
  readonly key?: string;
  /** @default the container mendkit is configured with */
  readonly container?: DependencyContainer;
}

function select(name: string, { key, container = configuration().container }: BreakerSelector): Circuit[] {
  const circuits = circuitRegistry(container).matching(name, key);
  if (circuits.length === 0) {
    const known = [...new Set(circuitRegistry(container).list().map((breaker) => breaker.name))];
    throw new ConfigError(
      `no circuit breaker ${name}${key === undefined ? '' : ` [${key}]`} has run in this container ` +
        `(a breaker exists once its method was called); known: ${known.length === 0 ? 'none' : known.join(', ')}`,
    );
  }
  return circuits;
}

/**
 * Isolates a breaker by its name (`Class.method`): every call is refused at once with a
 * `BrokenCircuitError` (`state: 'isolated'`) until {@link resetBreaker}; it never half-opens by
 * itself. For an operator taking a dependency out of service. Logged as `circuit.isolated`.
 * @returns the circuits isolated, as they stand now.
 * @example isolateBreaker('PaymentsClient.charge', { key: 'eu-west' });
 * @throws ConfigError when no breaker of that name (and key) has run in the container.
 */
export function isolateBreaker(name: string, options: BreakerSelector = {}): BreakerSnapshot[] {
  return select(name, options).map((circuit) => {
    circuit.isolate();
    return circuit.snapshot();
  });
}

/**
 * Resets a breaker by its name (`Class.method`): closed, its failure counts and `halfOpenAfter`
 * backoff cleared, whatever its state (isolated included). Logged as `circuit.reset`.
 * @returns the circuits reset, as they stand now.
 * @example resetBreaker('PaymentsClient.charge');
 * @throws ConfigError when no breaker of that name (and key) has run in the container.
 */
export function resetBreaker(name: string, options: BreakerSelector = {}): BreakerSnapshot[] {
  return select(name, options).map((circuit) => {
    circuit.reset();
    return circuit.snapshot();
  });
}

/**
 * Every breaker's state in `container`, to save (as JSON) and give to {@link hydrateBreakers} in
 * the next process, so a restart neither forgets an isolation nor hammers a service that is down.
 * @default container: the one mendkit is configured with
 * @example await writeFile('breakers.json', JSON.stringify(breakersToJSON()));
 */
export function breakersToJSON(container: DependencyContainer = configuration().container): SavedBreakers {
  return circuitRegistry(container).toJSON();
}

/**
 * Restores the states {@link breakersToJSON} saved: at once for a breaker that has run, else when
 * its method is first called. Call it at startup, before the first calls.
 * @default container: the one mendkit is configured with
 * @example hydrateBreakers(JSON.parse(await readFile('breakers.json', 'utf8')));
 * @throws ConfigError naming the entry and field, for something other than what `breakersToJSON` writes.
 */
export function hydrateBreakers(saved: SavedBreakers, container: DependencyContainer = configuration().container): void {
  circuitRegistry(container).hydrate(checkSavedBreakers(saved).breakers);
}
