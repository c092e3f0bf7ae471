/** The rolling record of outcomes a failure ratio is measured over. */
export interface FailureWindow {
  /** Records one call's outcome. */
  record(failed: boolean): void;
  /** How many calls and failures the window holds now. */
  counts(): { readonly calls: number; readonly failures: number };
  /** Forgets everything (when the circuit closes). */
  reset(): void;
}
