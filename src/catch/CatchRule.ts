import type { CallContext } from '../call/CallContext';
import type { ErrorMatcher } from '../matching/ErrorMatcher';

/**
 * A function that handles a caught error; what it returns (or resolves to) becomes the call's
 * result, and what it throws becomes the call's error.
 */
export type CatchHandler = (error: unknown, context: CallContext) => unknown;

/** One `@Catch`, checked: what it matches and who handles it. */
export interface CatchRule {
  readonly matcher: ErrorMatcher;
  /** A method name on the same class (called with the error, then the call's arguments), or a function. */
  readonly handler: string | CatchHandler;
  /** How the handler is named in logs. */
  readonly handlerName: string;
}
