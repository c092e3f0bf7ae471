import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { perContainer } from '../di/perContainer';
import { StageStates } from '../call/StageStates';
import type { BreakerSnapshot, CircuitStateChange } from './CircuitBreakerOptions';
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

/** Every circuit of one container, and who listens to their state changes. */
export class CircuitRegistry {
  /** The circuits, by decorated method and key. */
  readonly circuits = new StageStates<Circuit>();
  private readonly listeners = new Set<Listener>();

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
