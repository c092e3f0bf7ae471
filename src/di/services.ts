import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';
import type { Clock } from '../clock/Clock';
import { RealClock } from '../clock/RealClock';
import { defaultLogger } from '../logging/defaultLogger';
import { CLOCK, LOGGER } from './tokens';

/** What stages take from the container, resolved once per pipeline. */
export interface Services {
  readonly container: DependencyContainer;
  readonly logger: Logger;
  readonly clock: Clock;
}

const realClock = new RealClock();

/** Resolves the logger and clock from `container`, or mendkit's defaults where none is registered. */
export function resolveServices(container: DependencyContainer): Services {
  return {
    container,
    logger: container.isRegistered(LOGGER, true) ? container.resolve(LOGGER) : defaultLogger(),
    clock: container.isRegistered(CLOCK, true) ? container.resolve(CLOCK) : realClock,
  };
}
