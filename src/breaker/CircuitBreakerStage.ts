import type { Clock } from '../clock/Clock';
import type { Services } from '../call/Services';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import { partitionOf } from '../call/PartitionKey';
import { Circuit } from './Circuit';
import type { CircuitBreakerSettings } from './CircuitBreakerSettings';
import { circuitRegistry, type CircuitRegistry } from './CircuitRegistry';

/**
 * `@CircuitBreaker`: each attempt asks its circuit (the method's, or its key's) for a ticket —
 * refused at once with `BrokenCircuitError` while the circuit is open — then reports how it went.
 * Circuits live in the container's registry, so they outlast pipeline rebuilds and stay per test.
 */
export class CircuitBreakerStage implements Invoker {
  private readonly registry: CircuitRegistry;
  private readonly circuits: Map<string | undefined, Circuit>;
  private readonly clock: Clock;
  /** `@CircuitBreaker on Class.method`, for errors about a `key` function. */
  private readonly site: string;
  /** The one circuit of a method without `key`, looked up once. */
  private readonly single: Circuit | undefined;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    services: Services,
  ) {
    this.clock = services.clock;
    this.site = `@CircuitBreaker on ${method.label}`;
    this.registry = circuitRegistry(services.container);
    this.circuits = this.registry.circuits.of(settings);
    this.single = settings.key === undefined ? this.circuitFor(undefined) : undefined;
  }

  async invoke(call: Call): Promise<unknown> {
    const circuit = this.single ?? this.circuitFor(partitionOf(this.site, this.settings.key!, call));
    const ticket = circuit.admit();
    // Durations are measured only for a breaker that has a use for them.
    const startedAt = this.settings.slowCallMs === undefined ? 0 : this.clock.now();
    try {
      const result = await this.next.invoke(call);
      circuit.succeeded(ticket, this.elapsedSince(startedAt));
      return result;
    } catch (error) {
      circuit.settle(ticket, error, this.elapsedSince(startedAt));
      throw error;
    }
  }

  private elapsedSince(startedAt: number): number {
    return this.settings.slowCallMs === undefined ? 0 : this.clock.now() - startedAt;
  }

  private circuitFor(key: string | undefined): Circuit {
    let circuit = this.circuits.get(key);
    if (circuit === undefined) {
      circuit = this.registry.adopt(
        new Circuit(this.settings, key, this.method, this.clock, (change) => this.registry.emit(change, this.settings.onStateChange)),
      );
      this.circuits.set(key, circuit);
    }
    return circuit;
  }
}
