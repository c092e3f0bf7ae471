import type { DependencyContainer } from 'tsyringe';
import type { Services } from '../call/Services';
import { RealClock } from '../clock/RealClock';
import { CLOCK, LOGGER } from '../di/tokens';
import { defaultLogger } from '../logging/defaultLogger';

const realClock = new RealClock();

/** Resolves the logger and clock from `container`, or mendkit's defaults where none is registered. */
export function resolveServices(container: DependencyContainer): Services {
  return {
    container,
    logger: container.isRegistered(LOGGER, true) ? container.resolve(LOGGER) : defaultLogger(),
    clock: container.isRegistered(CLOCK, true) ? container.resolve(CLOCK) : realClock,
  };
}
