import type { Clock } from '../clock/Clock';
import type { Services } from '../call/Services';
import type { Call } from '../call/Call';
import type { AttemptHooks } from '../call/AttemptHooks';
import type { MethodInfo } from '../call/MethodInfo';
import { partitionOf } from '../call/PartitionKey';
import { Circuit } from './Circuit';
import type { CircuitBreakerSettings } from './CircuitBreakerSettings';
import { circuitRegistry, type CircuitRegistry } from './CircuitRegistry';

/**
 * What an attempt took from its circuit: just the ticket for a method without `key` and without
 * `slowCallMs` (the common case costs no object), else the circuit, the ticket and when it began.
 */
type Admitted = number | Admission;

/** What a keyed or timed breaker's attempt took: its circuit, the ticket and when it began. */
interface Admission {
  readonly circuit: Circuit;
  readonly ticket: number;
  readonly startedAt: number;
}

/**
 * `@CircuitBreaker`, as hooks: each attempt asks its circuit (the method's, or its key's) for a
 * ticket — refused at once with `BrokenCircuitError` while the circuit is open or isolated — then
 * reports how it went, and how long it took when slow calls count. While closed that is a counter
 * update. Circuits live in the container's registry, so they outlast pipeline rebuilds and stay
 * per test.
 */
export class CircuitBreakerStage implements AttemptHooks<Admitted> {
  private readonly registry: CircuitRegistry;
  private readonly circuits: Map<string | undefined, Circuit>;
  private readonly clock: Clock;
  /** `@CircuitBreaker on Class.method`, for errors about a `key` function. */
  private readonly site: string;
  /** The one circuit of a method without `key`, looked up once. */
  private readonly single: Circuit | undefined;
  /** Whether durations are measured: only for a breaker that has a use for them. */
  private readonly timed: boolean;
  /** Present with `key`: the call's arguments choose its circuit. */
  readonly enter: ((call: Call) => Admitted) | undefined;
  /** Present without `key`: the method's one circuit. */
  readonly begin: (() => Admitted) | undefined;
  readonly passed: (admitted: Admitted) => undefined;
  /** Present for the common breaker: its circuit's reaction for the ticket's generation. */
  readonly successReaction: ((ticket: Admitted) => (result: unknown) => unknown) | undefined;

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
    this.timed = settings.slowCallMs !== undefined;
    const { key } = settings;
    const single = this.single;
    // The common breaker (one circuit, no slow calls) takes a bare ticket: one call each way.
    const plain = single !== undefined && !this.timed;
    this.begin = single && (plain ? () => single.admit() : () => this.admit(single));
    this.passed = plain
      ? (ticket: Admitted) => {
          single.succeeded(ticket as number);
          return undefined;
        }
      : (admitted: Admitted) => this.recordSuccess(admitted as Admission);
    this.successReaction = plain ? (ticket: Admitted) => single.successReaction(ticket as number) : undefined;
    this.enter = key === undefined ? undefined : (call) => this.admit(this.circuitFor(partitionOf(this.site, key, call)));
  }

  /** A keyed or timed breaker's admission: the circuit, its ticket and when the attempt began. */
  private admit(circuit: Circuit): Admission {
    return { circuit, ticket: circuit.admit(), startedAt: this.timed ? this.clock.now() : 0 };
  }

  private recordSuccess(admitted: Admission): undefined {
    admitted.circuit.succeeded(admitted.ticket, this.elapsedSince(admitted.startedAt));
    return undefined;
  }

  failed(_call: Call, admitted: Admitted, error: unknown): undefined {
    if (typeof admitted === 'number') this.single!.settle(admitted, error);
    else admitted.circuit.settle(admitted.ticket, error, this.elapsedSince(admitted.startedAt));
    return undefined;
  }

  private elapsedSince(startedAt: number): number {
    return this.timed ? this.clock.now() - startedAt : 0;
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
