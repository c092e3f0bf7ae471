/** The rolling record of outcomes a failure ratio (and a slow-call ratio) is measured over. */
export interface FailureWindow {
  /** Records one call's outcome: whether it counted as a failure, and whether it was slow. */
  record(failed: boolean, slow: boolean): void;
  /** How many calls, failures and slow calls the window holds now. */
  counts(): WindowCounts;
  /** Forgets everything (when the circuit closes). */
  reset(): void;
}

/** What a {@link FailureWindow} holds now. */
export interface WindowCounts {
  readonly calls: number;
  readonly failures: number;
  readonly slow: number;
}
