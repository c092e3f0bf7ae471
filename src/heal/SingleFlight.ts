import { getOrCreate } from '../support/getOrCreate';
import type { FixEpoch } from '../call/FixEpoch';

/**
 * Shares one in-flight heal among concurrent calls with the same cause, and remembers when each
 * cause was last healed, so a call whose attempt started before that heal finished is re-run
 * instead of healing again. Causes are keyed by healer class, then by the healer's flight key.
 */
export class SingleFlight {
  /**
   * How many healed causes each healer remembers. Forgetting one costs at most an extra heal for
   * an attempt that started before it was healed, so the memory stays bounded in a long-running
   * process that heals many different paths.
   */
  static readonly REMEMBERED = 1024;

  private readonly inFlight = new Map<object, Map<unknown, Promise<void>>>();
  private readonly healedAt = new Map<object, Map<unknown, number>>();

  /** @param fixes the container's fix count, which a heal advances and calls note when they start. */
  constructor(private readonly fixes: FixEpoch) {}

  /** Taken when an attempt starts; compared by {@link healedSince} when it fails. */
  mark(): number {
    return this.fixes.current();
  }

  /** Whether the cause was healed after `mark` was taken. */
  healedSince(healer: object, key: unknown, mark: number): boolean {
    const at = this.healedAt.get(healer)?.get(key);
    return at !== undefined && at > mark;
  }

  /** The heal of this cause that is running now, if any. */
  running(healer: object, key: unknown): Promise<void> | undefined {
    return this.inFlight.get(healer)?.get(key);
  }

  /** Starts `heal` as the one in-flight heal of this cause. */
  start(healer: object, key: unknown, heal: () => Promise<void>): Promise<void> {
    const running = getOrCreate(this.inFlight, healer, () => new Map<unknown, Promise<void>>());
    const flight = heal().then(
      () => {
        running.delete(key);
        this.remember(healer, key);
      },
      (error: unknown) => {
        running.delete(key);
        throw error;
      },
    );
    running.set(key, flight);
    return flight;
  }

  private remember(healer: object, key: unknown): void {
    const healed = getOrCreate(this.healedAt, healer, () => new Map<unknown, number>());
    healed.delete(key); // re-inserted last, so the map's first entry is the oldest
    healed.set(key, this.fixes.advance());
    if (healed.size > SingleFlight.REMEMBERED) healed.delete(healed.keys().next().value);
  }
}

