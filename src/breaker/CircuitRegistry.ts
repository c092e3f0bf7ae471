import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { perContainer } from '../di/perContainer';
import { StageStates } from '../call/StageStates';
import type { BreakerSnapshot, CircuitStateChange, SavedBreaker, SavedBreakers } from './CircuitBreakerOptions';
import type { Circuit } from './Circuit';

/** A listener's subscription; `dispose()` ends it (calling it twice does nothing). */
export interface Subscription {
  /** Stops the listener hearing of changes. */
  dispose(): void;
}

type Listener = (change: CircuitStateChange) => void;

function tell(listener: Listener, change: CircuitStateChange): void {
  try {
    listener(change);
  } catch {
    // A listener must never change the outcome of the call that caused the change.
  }
}

/** How a saved state is looked up: name and key. */
function savedId(name: string, key: string | undefined): string {
  return JSON.stringify([name, key ?? null]);
}

/**
 * Every circuit of one container, who listens to their state changes, and saved states waiting
 * for their circuit (a circuit is made when its method is first called).
 */
export class CircuitRegistry {
  /** The circuits, by decorated method and key. */
  readonly circuits = new StageStates<Circuit>();
  private readonly listeners = new Set<Listener>();
  private readonly waiting = new Map<string, SavedBreaker>();

  /** A new circuit takes up the state saved for it, if `hydrate` was given one. */
  adopt(circuit: Circuit): Circuit {
    const id = savedId(circuit.name, circuit.key);
    const saved = this.waiting.get(id);
    if (saved !== undefined) {
      this.waiting.delete(id);
      circuit.restore(saved);
    }
    return circuit;
  }

  /** The circuits named `name` (`Class.method`): all its keys', or only `key`'s when given. */
  matching(name: string, key: string | undefined): Circuit[] {
    return Array.from(this.circuits.values()).filter((circuit) => circuit.name === name && (key === undefined || circuit.key === key));
  }

  /** Every circuit's state, to save; saved states not yet taken up are kept too. */
  toJSON(): SavedBreakers {
    const live = Array.from(this.circuits.values(), (circuit) => circuit.toJSON());
    return { version: 1, breakers: [...live, ...this.waiting.values()] };
  }

  /** Restores each saved state: now for a circuit that exists, else when its circuit is made. */
  hydrate(saved: readonly SavedBreaker[]): void {
    for (const breaker of saved) {
      const circuit = this.matching(breaker.name, breaker.key).find((candidate) => candidate.key === breaker.key);
      if (circuit === undefined) this.waiting.set(savedId(breaker.name, breaker.key), breaker);
      else circuit.restore(breaker);
    }
  }

  /** Subscribes to every circuit's state changes. */
  onStateChange(listener: Listener): Subscription {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Tells the method's own listener, then every subscriber; a throwing listener is ignored. */
  emit(change: CircuitStateChange, own: Listener | undefined): void {
    if (own !== undefined) tell(own, change);
    for (const listener of this.listeners) tell(listener, change);
  }

  /** Every circuit, as it stands now. */
  list(): BreakerSnapshot[] {
    return Array.from(this.circuits.values(), (circuit) => circuit.snapshot());
  }
}

const CIRCUIT_REGISTRY: InjectionToken<CircuitRegistry> = Symbol.for('mendkit.CIRCUIT_REGISTRY');

/** The circuits of `container`, created on first use. */
export function circuitRegistry(container: DependencyContainer): CircuitRegistry {
  return perContainer(container, CIRCUIT_REGISTRY, () => new CircuitRegistry());
}
