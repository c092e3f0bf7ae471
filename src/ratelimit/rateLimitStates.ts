import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { StageStates } from '../call/StageStates';
import { perContainer } from '../di/perContainer';
import type { SlotQueue } from './SlotQueue';

const RATE_LIMITS: InjectionToken<StageStates<SlotQueue>> = Symbol.for('mendkit.RATE_LIMITS');

/** The rate limits of `container`, by decorated method and key, created on first use. */
export function rateLimitStates(container: DependencyContainer): StageStates<SlotQueue> {
  return perContainer(container, RATE_LIMITS, () => new StageStates<SlotQueue>());
}
