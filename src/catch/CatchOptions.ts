/** Options of `@Catch`. */
export interface CatchOptions {
  /**
   * Allow a matcher that matches every error (`Error`, an always-true predicate…). Without it
   * such a matcher is refused: a catch-all also swallows programmer errors. @default false
   */
  readonly broad?: boolean;
}
