import type { CircuitBreakerOptions } from '../src/breaker/CircuitBreakerOptions';
import { circuitBreakerSettings } from '../src/breaker/CircuitBreakerSettings';
import { circuitBreakerDescriptor } from '../src/breaker/circuitBreakerDescriptor';
import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';

/**
 * Stops calling a service that is down: after `consecutive` failures (or a failure `ratio` over a
 * rolling window) the circuit opens and every call fails at once with `BrokenCircuitError`; after
 * `halfOpenAfter` ms it lets `halfOpenProbes` calls through and closes when they succeed. Sits
 * inside `@Retry`, so each attempt counts, and `@Retry` waits for the half-open time when its
 * budget allows. Transitions are logged as `circuit.open`, `circuit.half_open`, `circuit.closed`.
 * @example
 * \@Retry({ attempts: 5 })
 * \@CircuitBreaker({ consecutive: 5, halfOpenAfter: 30000, key: (url: string) => new URL(url).host })
 * async fetchReport(url: string) { ... }
 * @throws ConfigError when the class is defined, for a bad option (naming it).
 */
export function CircuitBreaker<A extends unknown[] = unknown[]>(
  options?: CircuitBreakerOptions<A>,
): MendkitMethodDecorator {
  return methodDecorator('CircuitBreaker', (site) => setOnce(site.metadata, circuitBreakerDescriptor.key, circuitBreakerSettings(site.label, options), site.label));
}
