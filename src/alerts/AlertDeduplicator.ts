import type { Clock, TimerHandle } from '../clock/Clock';

interface Spell<T> {
  readonly first: T;
  suppressed: number;
  readonly startedAt: number;
  lastSummaryAt: number;
  quietTimer: TimerHandle;
}

/**
 * Keeps a storm of one alert down to one message and a summary: the first occurrence is sent,
 * repeats are counted; once `quietMs` pass without a repeat (or every `summaryEveryMs` while
 * they keep coming) `onSummary` is told how many were held back.
 */
export class AlertDeduplicator<T> {
  private readonly spells = new Map<string, Spell<T>>();

  constructor(
    private readonly clock: Clock,
    private readonly quietMs: number,
    private readonly summaryEveryMs: number,
    private readonly onSummary: (first: T, suppressed: number, sinceMs: number) => void,
  ) {}

  /** Records one occurrence of `key`: `send` for the first of a spell (`first` is kept for its summary), else `hold`. */
  occur(key: string, first: T): 'send' | 'hold' {
    const now = this.clock.now();
    const spell = this.spells.get(key);
    if (spell === undefined) {
      this.spells.set(key, { first, suppressed: 0, startedAt: now, lastSummaryAt: now, quietTimer: this.quietTimer(key) });
      return 'send';
    }
    spell.suppressed += 1;
    this.clock.clearTimer(spell.quietTimer);
    spell.quietTimer = this.quietTimer(key);
    if (now - spell.lastSummaryAt >= this.summaryEveryMs) this.summarise(spell, now);
    return 'hold';
  }

  /** Ends every spell now, sending the summaries still owed (at shutdown). */
  flush(): void {
    for (const [key, spell] of [...this.spells]) {
      this.clock.clearTimer(spell.quietTimer);
      this.end(key, spell);
    }
  }

  private quietTimer(key: string): TimerHandle {
    const timer = this.clock.setTimer(this.quietMs, () => {
      const spell = this.spells.get(key);
      if (spell !== undefined) this.end(key, spell);
    });
    // A summary still owed must not keep a finished program alive; `flush()` sends it at exit.
    (timer as { unref?: () => void }).unref?.();
    return timer;
  }

  private end(key: string, spell: Spell<T>): void {
    this.spells.delete(key);
    this.summarise(spell, this.clock.now());
  }

  private summarise(spell: Spell<T>, now: number): void {
    const { suppressed } = spell;
    spell.suppressed = 0;
    spell.lastSummaryAt = now;
    if (suppressed > 0) this.onSummary(spell.first, suppressed, now - spell.startedAt);
  }
}
