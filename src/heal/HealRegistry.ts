import type { DependencyContainer } from 'tsyringe';
import { type FixEpoch, fixEpochOf } from '../call/FixEpoch';
import { perContainer } from '../di/perContainer';
import { getOrCreate } from '../support/getOrCreate';
import { HealBudgetWindow } from './HealBudgetWindow';
import { SingleFlight } from './SingleFlight';

/**
 * The heal state shared by every method that resolves from one container: in-flight heals and
 * heal budgets. One per container, so each test's container starts clean.
 */
export class HealRegistry {
  readonly flights: SingleFlight;
  private readonly budgets = new Map<object, HealBudgetWindow>();

  constructor(fixes: FixEpoch) {
    this.flights = new SingleFlight(fixes);
  }

  /** The budget window of one healer class. */
  budgetOf(healer: object): HealBudgetWindow {
    return getOrCreate(this.budgets, healer, () => new HealBudgetWindow());
  }
}

/** The container's own {@link HealRegistry}, registered in it on first use. */
export function healRegistryOf(container: DependencyContainer): HealRegistry {
  return perContainer(container, HealRegistry, () => new HealRegistry(fixEpochOf(container)));
}
