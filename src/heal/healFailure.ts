/** Why a heal did not fix an error: attached to that error by `@Heal`. */
export interface HealFailure {
  /** The healer class's name. */
  readonly healer: string;
  /** What the healer threw. */
  readonly error: unknown;
}

const PROPERTY = 'healFailure';

/**
 * Attaches `failure` to the original error as a non-enumerable `healFailure` property (so it does
 * not change how the error prints or serialises). A thrown primitive or a frozen error cannot
 * carry it; the `heal.failure` log line still has both errors.
 */
export function attachHealFailure(error: unknown, failure: HealFailure): void {
  if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return;
  if (!Object.isExtensible(error)) return;
  Object.defineProperty(error, PROPERTY, { value: failure, configurable: true, writable: true, enumerable: false });
}

/**
 * The heal failure attached to an error that `@Heal` tried and failed to fix, if any.
 * @example
 * catch (error) {
 *   const failure = healFailureOf(error); // { healer: 'EnsureDirectory', error: <EACCES> }
 * }
 */
export function healFailureOf(error: unknown): HealFailure | undefined {
  if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return undefined;
  const failure = (error as Record<string, unknown>)[PROPERTY];
  return typeof failure === 'object' && failure !== null && 'healer' in failure ? (failure as HealFailure) : undefined;
}
