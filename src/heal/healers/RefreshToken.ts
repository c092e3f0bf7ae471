import { inject, injectable } from 'tsyringe';
import { HealFailedError } from '../../errors/HealFailedError';
import { errorLabel } from '../../matching/errorFacts';
import { errors } from '../../matching/errors';
import type { Healer } from '../Healer';
import { TOKEN_PROVIDER, type TokenProvider } from './TokenProvider';

const unauthorized = errors.http(401);

/**
 * Heals HTTP 401: asks the registered {@link TokenProvider} for a new token, then the call
 * re-runs (and reads the new token from `current()`). Calls that hit 401 together share one
 * refresh (single flight), and a call whose request was sent before that refresh finished is
 * re-run without refreshing again. A refresh that fails ends the heal with a `HealFailedError`
 * (the 401 goes on); it never refreshes twice for one call by default (`maxHeals` 1). It never
 * logs a token, and does not match 403.
 * @example
 * container.register(TOKEN_PROVIDER, { useValue: tokens });
 * \@Heal(RefreshToken) async fetchReport() { ... }
 */
@injectable()
export class RefreshToken implements Healer {
  constructor(@inject(TOKEN_PROVIDER) private readonly tokens: TokenProvider) {}

  matches(error: unknown): boolean {
    return unauthorized.matches(error);
  }

  async heal(): Promise<void> {
    try {
      await this.tokens.refresh();
    } catch (error) {
      // The message names the failure's code only: a provider's error text may quote credentials.
      throw new HealFailedError('RefreshToken', `the token provider could not refresh the token (${errorLabel(error)})`, {
        cause: error,
      });
    }
  }

  /** One refresh per token provider at a time. */
  flightKey(): unknown {
    return this.tokens;
  }
}
