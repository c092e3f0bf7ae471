import type { Clock } from '../clock/Clock';
import type { Services } from '../call/Services';
import type { Call } from '../call/Call';
import type { AttemptHooks } from '../call/AttemptHooks';
import type { MethodInfo } from '../call/MethodInfo';
import { partitionOf } from '../call/PartitionKey';
import { Circuit } from './Circuit';
import type { CircuitBreakerSettings } from './CircuitBreakerSettings';
import { circuitRegistry, type CircuitRegistry } from './CircuitRegistry';

/** A keyed attempt's circuit and ticket (a method without `key` keeps just the ticket). */
interface Admitted {
  readonly circuit: Circuit;
  readonly ticket: number;
}

/**
 * `@CircuitBreaker`, as hooks: each attempt asks its circuit (the method's, or its key's) for a
 * ticket — refused at once with `BrokenCircuitError` while the circuit is open — then reports how
 * it went. While closed that is a counter update. Circuits live in the container's registry, so
 * they outlast pipeline rebuilds and stay per test.
 */
export class CircuitBreakerStage implements AttemptHooks<number | Admitted> {
  private readonly registry: CircuitRegistry;
  private readonly circuits: Map<string | undefined, Circuit>;
  private readonly clock: Clock;
  /** `@CircuitBreaker on Class.method`, for errors about a `key` function. */
  private readonly site: string;
  /** The one circuit of a method without `key`, looked up once. */
  private readonly single: Circuit | undefined;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly method: MethodInfo,
    services: Services,
  ) {
    this.clock = services.clock;
    this.site = `@CircuitBreaker on ${method.label}`;
    this.registry = circuitRegistry(services.container);
    this.circuits = this.registry.circuits.of(settings);
    this.single = settings.key === undefined ? this.circuitFor(undefined) : undefined;
  }

  enter(call: Call): number | Admitted {
    if (this.single !== undefined) return this.single.admit();
    const circuit = this.circuitFor(partitionOf(this.site, this.settings.key!, call));
    return { circuit, ticket: circuit.admit() };
  }

  succeeded(_call: Call, admitted: number | Admitted): undefined {
    if (typeof admitted === 'number') this.single!.succeeded(admitted);
    else admitted.circuit.succeeded(admitted.ticket);
    return undefined;
  }

  failed(_call: Call, admitted: number | Admitted, error: unknown): undefined {
    if (typeof admitted === 'number') this.single!.settle(admitted, error);
    else admitted.circuit.settle(admitted.ticket, error);
    return undefined;
  }

  private circuitFor(key: string | undefined): Circuit {
    let circuit = this.circuits.get(key);
    if (circuit === undefined) {
      circuit = new Circuit(this.settings, key, this.method, this.clock, (change) =>
        this.registry.emit(change, this.settings.onStateChange),
      );
      this.circuits.set(key, circuit);
    }
    return circuit;
  }
}
