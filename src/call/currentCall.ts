import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigError } from '../errors/ConfigError';
import type { CallContext } from './CallContext';

/** Whatever gives the current attempt's context on demand (a `Call`). */
export interface ContextSource {
  readonly current: CallContext;
}

let active: ContextSource | undefined;
let storage: AsyncLocalStorage<CallContext> | undefined;

/**
 * The async-context store, created on first need: on Node 20 the first
 * `AsyncLocalStorage.run()` slows every promise in the process, so only features that carry
 * context across `await`s ever create it.
 */
export function asyncContextStorage(): AsyncLocalStorage<CallContext> {
  return (storage ??= new AsyncLocalStorage<CallContext>());
}

/**
 * Makes `source` the current call and returns the previous one, to hand back to
 * {@link leaveCall} once the method's synchronous start (up to its first `await`) has run.
 */
export function enterCall(source: ContextSource): ContextSource | undefined {
  const previous = active;
  active = source;
  return previous;
}

/** Restores the call that was current before {@link enterCall}. */
export function leaveCall(previous: ContextSource | undefined): void {
  active = previous;
}

/** Whether a decorated call's synchronous start is running now (calls made then are nested in it). */
export function callStarting(): boolean {
  return active !== undefined;
}

/** The decorated call carried in async context, if any: the caller of a call made after it began. */
export function asyncCallerContext(): CallContext | undefined {
  return storage?.getStore();
}

/**
 * The decorated call running now, if any: the one whose synchronous start is running, else the
 * one carried in async context. What a new call is nested in.
 */
export function callerContext(): CallContext | undefined {
  return active?.current ?? storage?.getStore();
}

/**
 * The context of the decorated call running now: attempt, signal, correlation id, class,
 * method, logger, arguments.
 *
 * Available synchronously at the start of a decorated method, before its first `await` (read it
 * into a variable there). After an `await` it is available only when async context is on:
 * `configure({ asyncContext: true })`, or inside a `@Logged` call.
 * @example
 * async fetchReport(url: string) {
 *   const call = currentCall();
 *   return fetch(url, { signal: call.signal });
 * }
 * @throws ConfigError outside a decorated method, or after an `await` without async context.
 */
export function currentCall(): CallContext {
  const context = callerContext();
  if (context === undefined) {
    throw new ConfigError(
      'currentCall() was called outside a decorated method, or after an `await` in one: read it ' +
        'before the first `await`, or turn on configure({ asyncContext: true })',
    );
  }
  return context;
}
