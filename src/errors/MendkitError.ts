const MENDKIT_ERROR = Symbol.for('mendkit.error');

/**
 * Base class of every error mendkit throws. Sets `name` to the class name and carries a stable
 * `code`. Recognisable without `instanceof` through {@link isMendkitError}, so two copies of
 * mendkit in one dependency tree still agree.
 */
export abstract class MendkitError extends Error {
  /** A stable, machine-readable code, e.g. `MENDKIT_CONFIG`. */
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, MENDKIT_ERROR, { value: true });
  }
}

function isMarked(value: unknown): value is MendkitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MENDKIT_ERROR] === true;
}

/**
 * Tells whether `value` is an error thrown by mendkit (any copy of it), optionally with a
 * given `code`.
 * @example isMendkitError(error, 'MENDKIT_RETRY_EXHAUSTED')
 */
export function isMendkitError(value: unknown, code?: string): value is MendkitError {
  return isMarked(value) && (code === undefined || value.code === code);
}

/**
 * The `code` of an error thrown by mendkit (any copy of it), undefined for anything else: one
 * look at the marker for a caller that would otherwise ask {@link isMendkitError} code by code.
 */
export function mendkitCode(value: unknown): string | undefined {
  return isMarked(value) ? value.code : undefined;
}
