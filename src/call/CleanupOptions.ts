/** Options of `onCleanup` and `@Cleanup`. */
export interface CleanupOptions {
  /**
   * Run the step when the call succeeds too, like `finally`. Without it a step runs only when its
   * attempt failed: before the next attempt when the call is retried or healed, or when the call
   * finally fails. @default false
   */
  readonly always?: boolean;
}

/** An undo step: remove this temp file, reset that flag, restart that service. */
export type CleanupStep = () => unknown;
