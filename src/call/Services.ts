import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';
import type { Clock } from '../clock/Clock';

/** What stages take from the container, resolved once per pipeline (see `resolveServices`). */
export interface Services {
  readonly container: DependencyContainer;
  readonly logger: Logger;
  readonly clock: Clock;
}
