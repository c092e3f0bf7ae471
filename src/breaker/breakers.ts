import type { DependencyContainer } from 'tsyringe';
import { configuration } from '../di/configure';
import type { BreakerSnapshot, CircuitStateChange } from './CircuitBreakerOptions';
import { circuitRegistry, type Subscription } from './CircuitRegistry';

/**
 * Every circuit breaker that has run in `container`: name, key, state, failures and when the
 * next probe is let through. For health endpoints and the CLI.
 * @default container: the one mendkit is configured with
 * @example app.get('/health', (_req, res) => res.json({ breakers: breakers() }));
 */
export function breakers(container: DependencyContainer = configuration().container): BreakerSnapshot[] {
  return circuitRegistry(container).list();
}

/**
 * Subscribes to the state changes of every circuit breaker in `container` (the same changes
 * logged as `circuit.open`, `circuit.half_open` and `circuit.closed`). A throwing listener is ignored.
 * @default container: the one mendkit is configured with
 * @example
 * const subscription = onCircuitStateChange(({ name, to }) => metrics.gauge(`breaker.${name}`, to));
 * subscription.dispose();
 */
export function onCircuitStateChange(
  listener: (change: CircuitStateChange) => void,
  container: DependencyContainer = configuration().container,
): Subscription {
  return circuitRegistry(container).onStateChange(listener);
}
