import type { BreakerSnapshot } from '../breaker/CircuitBreakerOptions';

/** A breaker as the HTTP API shows it: no undefined, times as ISO 8601. */
export type BreakerView = Omit<BreakerSnapshot, 'halfOpenAt' | 'key'> & { readonly key: string | null; readonly halfOpenAt: string | null };

/** A breaker's snapshot as the HTTP API shows it. */
export function breakerView(breaker: BreakerSnapshot): BreakerView {
  return {
    ...breaker,
    key: breaker.key ?? null,
    halfOpenAt: breaker.halfOpenAt === undefined ? null : new Date(breaker.halfOpenAt).toISOString(),
  };
}
