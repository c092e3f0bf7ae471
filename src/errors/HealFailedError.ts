import { MendkitError } from './MendkitError';

/**
 * Thrown by a healer that could not fix the cause (a token refresh that failed, a lock whose
 * owner is alive, nothing left to delete). It never reaches the caller on its own: `@Heal`
 * attaches it to the original error, which goes on (see `healFailureOf`).
 */
export class HealFailedError extends MendkitError {
  readonly code = 'MENDKIT_HEAL_FAILED';

  constructor(
    /** The healer class's name. */
    readonly healer: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${healer}: ${message}`, options);
  }
}
