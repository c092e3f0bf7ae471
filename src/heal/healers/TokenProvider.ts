import type { InjectionToken } from 'tsyringe';

/**
 * Where your code gets its API token, and how a new one is obtained. You implement it and
 * register it under {@link TOKEN_PROVIDER}; `RefreshToken` calls `refresh()` on a 401.
 */
export interface TokenProvider {
  /** The token to send now. Read it on every attempt, so a re-run after a refresh uses the new one. */
  current(): string | Promise<string>;
  /** Obtains a new token (and makes `current()` return it). Throws when it cannot. */
  refresh(): Promise<void>;
}

/**
 * The container token `RefreshToken` resolves its {@link TokenProvider} from.
 * @example container.register(TOKEN_PROVIDER, { useValue: new OAuthTokens(clientId, secret) })
 */
export const TOKEN_PROVIDER: InjectionToken<TokenProvider> = Symbol.for('mendkit.TOKEN_PROVIDER');
