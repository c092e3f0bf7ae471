/** Attempts per run at the 50th and 95th percentiles (nearest rank), and the most. */
export interface AttemptsPerRun {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** How one run ended. */
export type ChaosOutcome = 'succeeded' | 'failed' | 'lost';

/** Each run in order (index 0 is run 1): what the report's charts draw. */
export interface ChaosRunSeries {
  /** Attempts of decorated methods in each run. */
  readonly attempts: readonly number[];
  /** Heals that re-ran a call in each run. */
  readonly heals: readonly number[];
  readonly outcomes: readonly ChaosOutcome[];
}

/** What a chaos run found: how many runs survived the faults, and what it took. */
export interface ChaosReport {
  /** `Class.method` that was run. */
  readonly target: string;
  readonly runs: number;
  /** Runs that resolved (a value handled by `@Catch` counts: see `caught`). */
  readonly succeeded: number;
  /** Runs that rejected: the failure was reported. */
  readonly failed: number;
  /** Runs that neither resolved nor rejected within `lostAfterMs`. */
  readonly lost: number;
  /** Attempts of decorated methods during the runs: first attempts, retries and re-runs after heals. */
  readonly attempts: number;
  /** Retries scheduled (`retry.scheduled` lines). */
  readonly retries: number;
  /** Heals that re-ran a call, per healer (`heal.success` lines). */
  readonly heals: Readonly<Record<string, number>>;
  /** Failures handled by `@Catch` (`catch.handled` lines). */
  readonly caught: number;
  /** Faults injected, per fault. */
  readonly injected: Readonly<Record<string, number>>;
  /** Failed runs per error code; a mendkit error names its cause's code too, e.g. `MENDKIT_RETRY_EXHAUSTED(ECONNRESET)`. */
  readonly failures: Readonly<Record<string, number>>;
  /**
   * The message of the first failed run filed under each code of `failures`, redacted as the
   * configured logger redacts its lines and cut to 500 characters, as run records keep it.
   */
  readonly failureMessages: Readonly<Record<string, string>>;
  readonly attemptsPerRun: AttemptsPerRun;
  readonly perRun: ChaosRunSeries;
  /** The seed: run again with it to replay the same faults. */
  readonly seed: number;
  /** The rules' rates added up: the share of attempts a fault was meant for (rules limited to some classes count in full). */
  readonly rate: number;
  /** Real time the runs took, in ms. */
  readonly elapsedMs: number;
  /** Waits skipped by the compressed clock, in ms. */
  readonly skippedMs: number;
}

/** The value at percentile `p` (0–100) of `sorted` (ascending), by nearest rank; 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Summarises the attempts each run made. */
export function attemptsPerRun(perRun: readonly number[]): AttemptsPerRun {
  const sorted = [...perRun].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0 };
}
