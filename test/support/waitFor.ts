import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** What is awaited, for the error on timeout; a function is called then, to show the state seen last. */
  readonly what: string | (() => string);
  /** Only bounds a hang: a loaded machine may be slow, a correct run never comes near it. @default 30000 */
  readonly timeoutMs?: number;
  /** How often `condition` is checked. @default 20 */
  readonly intervalMs?: number;
}

/**
 * Resolves with the first truthy value of `condition` (checked at once, then every `intervalMs`
 * on the real event loop, so real I/O goes on meanwhile). Tests wait for the event they need this
 * way, never for a fixed time.
 * @example
 * const [record] = await waitFor(() => history.read().then((r) => r.length > 0 && r), { what: 'a record' });
 * @throws Error naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions): Promise<NonNullable<T>> {
  const { timeoutMs = 30_000, intervalMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) {
      const what = typeof options.what === 'function' ? options.what() : options.what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(intervalMs);
  }
}
