import type { CleanupStep } from '../call/CleanupOptions';
import type { Call } from '../call/Call';
import { sameFailure } from './sameFailure';

/**
 * The undo steps one heal registered (`HealContext.onUndo`). They are the call's undo steps for
 * the re-run that follows the heal, so the call runs them — newest first, with the re-run's own
 * steps, before the next attempt or as the call ends — but each does something only once the
 * re-run failed the way the healed attempt did: the heal did not help.
 */
export class HealUndo {
  private unhelped = false;
  private count = 0;

  constructor(
    private readonly call: Call,
    private readonly healed: unknown,
  ) {}

  add(step: CleanupStep): void {
    if (typeof step !== 'function') throw new TypeError('onUndo() needs a function');
    this.count += 1;
    // The heal runs during the failed attempt; the re-run is the next one.
    this.call.addCleanup(() => (this.unhelped ? step() : undefined), undefined, this.call.current.attempt + 1);
  }

  /** How many steps were registered. */
  get size(): number {
    return this.count;
  }

  /** The re-run failed with `error`; returns whether that is the healed failure again (then the steps run). */
  judge(error: unknown): boolean {
    this.unhelped = sameFailure(this.healed, error);
    return this.unhelped;
  }
}
