import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { StageStates } from '../call/StageStates';
import { perContainer } from '../di/perContainer';
import type { Bulkhead } from './Bulkhead';

const BULKHEADS: InjectionToken<StageStates<Bulkhead>> = Symbol.for('mendkit.BULKHEADS');

/** The bulkheads of `container`, by decorated method and key, created on first use. */
export function bulkheadStates(container: DependencyContainer): StageStates<Bulkhead> {
  return perContainer(container, BULKHEADS, () => new StageStates<Bulkhead>());
}
