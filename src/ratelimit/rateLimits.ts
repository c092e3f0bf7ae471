import type { DependencyContainer } from 'tsyringe';
import { configuration } from '../di/configure';
import { rateLimitStates } from './rateLimitStates';
import type { RateLimitSnapshot } from './SlotQueue';

/**
 * Every rate limit that has been used in `container`: name, key, limit, window, whether it is
 * shared, and how many of this process's calls wait for a slot. For health endpoints, metrics
 * and the dashboard.
 * @default container: the one mendkit is configured with
 */
export function rateLimits(container: DependencyContainer = configuration().container): RateLimitSnapshot[] {
  return Array.from(rateLimitStates(container).values(), (limit) => limit.snapshot());
}
