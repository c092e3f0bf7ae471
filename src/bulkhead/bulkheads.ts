import type { DependencyContainer } from 'tsyringe';
import { configuration } from '../di/configure';
import type { BulkheadSnapshot } from './Bulkhead';
import { bulkheadStates } from './bulkheadStates';

/**
 * Every bulkhead that has run in `container`: name, key, slots in use and attempts queued. For
 * health endpoints, metrics and the dashboard.
 * @default container: the one mendkit is configured with
 */
export function bulkheads(container: DependencyContainer = configuration().container): BulkheadSnapshot[] {
  return Array.from(bulkheadStates(container).values(), (bulkhead) => bulkhead.snapshot());
}
