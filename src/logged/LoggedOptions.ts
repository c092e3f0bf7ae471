/** Options of `@Logged`. */
export interface LoggedOptions {
  /**
   * The arguments the `call.start` and `call.failure` lines carry, by parameter name: all of
   * them, none, or only those named. Always redacted; read only when the line is written.
   * @default true
   * @example \@Logged({ args: ['path'] })
   */
  readonly args?: boolean | readonly string[];
  /** Whether the `call.success` line carries the result (redacted). @default false */
  readonly result?: boolean;
}
