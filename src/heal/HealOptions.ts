import type { MatcherLike } from '../matching/ErrorMatcher';

/** How many heals a healer may run across calls within a window of time. */
export interface HealBudget {
  /** Heals allowed within `perMs`. */
  readonly heals: number;
  /** The sliding window, in ms. */
  readonly perMs: number;
}

/** Options of `@Heal`. */
export interface HealOptions {
  /**
   * Narrows which errors this `@Heal` is for: it runs only when `on` matches and the healer's own
   * `matches` agrees. @default every error the healer matches
   */
  readonly on?: MatcherLike;
  /**
   * How many times this `@Heal` may heal one call (across all its retry attempts); a heal that
   * "works" while the error keeps coming back stops here and the error goes on. @default 1
   */
  readonly maxHeals?: number;
  /**
   * How often this healer may run across all calls (in the configured container), so a
   * heal → same failure loop across many calls stops healing, logs `heal.budgetSpent` once,
   * and lets the error through. @default { heals: 10, perMs: 60_000 }
   */
  readonly budget?: HealBudget;
}
