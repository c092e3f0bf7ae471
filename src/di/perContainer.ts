import type { DependencyContainer, InjectionToken } from 'tsyringe';

/**
 * The value registered under `token` in `container` itself (never a parent's), created and
 * registered on first use: per-container state without module globals, so each test's child
 * container starts fresh.
 */
export function perContainer<T>(container: DependencyContainer, token: InjectionToken<T>, create: () => T): T {
  if (!container.isRegistered(token, false)) container.register(token, { useValue: create() });
  return container.resolve(token);
}
