import { breakers } from '../breaker/breakers';
import type { BreakerSnapshot } from '../breaker/CircuitBreakerOptions';
import { bulkheads } from '../bulkhead/bulkheads';
import type { BulkheadSnapshot } from '../bulkhead/Bulkhead';

/** A breaker as the API shows it: times as ISO 8601. */
export type BreakerView = Omit<BreakerSnapshot, 'halfOpenAt' | 'key'> & { readonly key: string | null; readonly halfOpenAt: string | null };

/** A bulkhead as the API shows it. */
export type BulkheadView = Omit<BulkheadSnapshot, 'key'> & { readonly key: string | null };

/** `GET /api/breakers`: every breaker and bulkhead of this process's container. */
export function breakersView(): { readonly breakers: BreakerView[]; readonly bulkheads: BulkheadView[] } {
  return {
    breakers: breakers().map((breaker) => ({
      ...breaker,
      key: breaker.key ?? null,
      halfOpenAt: breaker.halfOpenAt === undefined ? null : new Date(breaker.halfOpenAt).toISOString(),
    })),
    bulkheads: bulkheads().map((bulkhead) => ({ ...bulkhead, key: bulkhead.key ?? null })),
  };
}
