import type { HealBudget } from './HealOptions';

/** What {@link HealBudgetWindow.take} decided. */
export type BudgetDecision = 'granted' | 'spent' | 'justSpent';

/**
 * The heals one healer ran recently, for its budget across calls: a sliding window of start
 * times. `justSpent` is returned on the first refusal only, so the refusal is logged once per
 * spell of refusals.
 */
export class HealBudgetWindow {
  private readonly startedAt: number[] = [];
  /** The longest window any `@Heal` asked about: older start times can go. */
  private horizonMs = 0;
  private refusing = false;

  /** Records a heal starting at `now` when `budget` allows it. */
  take(budget: HealBudget, now: number): BudgetDecision {
    this.horizonMs = Math.max(this.horizonMs, budget.perMs);
    while (this.startedAt.length > 0 && this.startedAt[0]! <= now - this.horizonMs) this.startedAt.shift();
    let recent = 0;
    for (const at of this.startedAt) if (at > now - budget.perMs) recent++;
    if (recent >= budget.heals) {
      if (this.refusing) return 'spent';
      this.refusing = true;
      return 'justSpent';
    }
    this.refusing = false;
    this.startedAt.push(now);
    return 'granted';
  }
}
