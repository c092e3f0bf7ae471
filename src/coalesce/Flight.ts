import type { Call } from '../call/Call';

/**
 * One shared execution of a coalesced method and the calls waiting for it. The execution runs as
 * a call of its own (`shared`), so its attempts, signals and undo steps belong to no caller: a
 * caller whose signal aborts leaves with its own abort reason while the others keep waiting.
 * Only when every caller has left is the execution's signal aborted, with the last one's reason:
 * nobody wants its result any more, and without `@Coalesce` that abort would have reached it.
 */
export class Flight {
  private readonly waiting = new Set<Call>();
  private readonly outcome: Promise<unknown>;
  private over = false;

  /**
   * @param shared the execution's own call.
   * @param run runs `shared` to its end (undo steps included); must not throw synchronously.
   * @param forget removes this flight from its table: once it settles, before any caller hears of
   *   it (so a call made after settling runs again), or once every caller has left.
   * @param abandoned told when every caller left before the execution settled.
   */
  constructor(
    readonly shared: Call,
    run: (shared: Call) => Promise<unknown>,
    private readonly forget: () => void,
    private readonly abandoned: (reason: unknown) => void,
  ) {
    // A heal that re-ran the execution is news for every caller's own call (a job run counts it).
    shared.listen((event) => {
      if (event !== 'heal.success') return;
      for (const caller of this.waiting) caller.emit(event);
    });
    this.outcome = run(shared).finally(() => {
      this.over = true;
      forget();
    });
  }

  /** How many callers are waiting for the execution. */
  get size(): number {
    return this.waiting.size;
  }

  /**
   * Waits for the execution on behalf of `caller`.
   * @returns the execution's result, or rejects with its error (the same object for every
   *   caller), or with the reason of `caller`'s own signal if that aborts first.
   */
  join(caller: Call): Promise<unknown> {
    this.waiting.add(caller);
    return new Promise((resolve, reject) => {
      // Told by `attempt.aborted`, not by the caller's signal: making a signal costs more than
      // the rest of the stage (an AbortController is 2 to 12 µs on Node 20), and few callers have
      // anyone who could abort them. Nothing can abort the caller between its start and here.
      const settled = () => this.waiting.delete(caller);
      caller.listen((event) => {
        if (event !== 'attempt.aborted' || !settled()) return;
        const reason: unknown = caller.current.signal.reason;
        reject(reason);
        if (this.waiting.size === 0 && !this.over) this.abandon(reason);
      });
      this.outcome.then(
        (value) => {
          if (settled()) resolve(value);
        },
        (error: unknown) => {
          if (settled()) reject(error);
        },
      );
    });
  }

  private abandon(reason: unknown): void {
    this.over = true;
    this.forget();
    this.abandoned(reason);
    this.shared.current.abort(reason);
  }
}
