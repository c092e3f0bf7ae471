import { breakers } from '../breaker/breakers';
import { bulkheads } from '../bulkhead/bulkheads';
import type { BulkheadSnapshot } from '../bulkhead/Bulkhead';
import { breakerView, type BreakerView } from '../serve/breakerView';


/** A bulkhead as the API shows it. */
export type BulkheadView = Omit<BulkheadSnapshot, 'key'> & { readonly key: string | null };

/** `GET /api/breakers`: every breaker and bulkhead of this process's container. */
export function breakersView(): { readonly breakers: BreakerView[]; readonly bulkheads: BulkheadView[] } {
  return {
    breakers: breakers().map(breakerView),
    bulkheads: bulkheads().map((bulkhead) => ({ ...bulkhead, key: bulkhead.key ?? null })),
  };
}
