import type { CleanupRule } from './CleanupRule';
import type { Call } from './Call';
import { asyncContextStorage, enterCall, leaveCall } from './currentCall';
import type { Invoker } from './Invoker';
import type { MethodInfo } from './MethodInfo';
import { callMethod, type Method } from './callMethod';
import { startWithoutCall } from './startWithoutCall';

function apply(original: Method, call: Call): unknown {
  return callMethod(original, call.thisArg, call.args);
}

/** Registers a method's `@Cleanup` steps for the attempt about to run. */
function declareCleanups(cleanups: readonly CleanupRule[], call: Call): void {
  const owner = call.thisArg as Record<string, Method>;
  for (const { method, always } of cleanups) {
    call.current.onCleanup(() => owner[method]!.apply(owner, call.args), { always });
  }
}

/** The end of every pipeline: calls the user's method with its own `this` and arguments. */
export class MethodInvoker implements Invoker {
  /**
   * Whether every start needs the call's `Call`: to run the method in async context, or to
   * register its `@Cleanup` steps.
   */
  readonly needsCall: boolean;

  constructor(
    private readonly original: Method,
    private readonly asyncContext: boolean,
    private readonly cleanups: readonly CleanupRule[],
  ) {
    this.needsCall = asyncContext || cleanups.length > 0;
  }

  invoke(call: Call): Promise<unknown> {
    try {
      return Promise.resolve(this.start(call));
    } catch (error) {
      // A synchronous throw becomes a rejection, so every stage sees failures the same way.
      return Promise.reject(error);
    }
  }

  /**
   * Calls the method and returns what it returned, as it is (a promise or not), or throws what
   * it threw synchronously: for an `AttemptLoop`, which awaits it either way.
   */
  start(call: Call): unknown {
    if (this.cleanups.length > 0) declareCleanups(this.cleanups, call);
    const previous = enterCall(call);
    try {
      return this.asyncContext ? asyncContextStorage().run(call.current, apply, this.original, call) : apply(this.original, call);
    } finally {
      leaveCall(previous);
    }
  }

  /**
   * `start` for a call that has no `Call` yet (only when not {@link needsCall}); never throws.
   * See `startWithoutCall`.
   */
  startWithoutCall(method: MethodInfo, thisArg: unknown, args: unknown[], begunAt: number): unknown {
    return startWithoutCall(this.original, method, thisArg, args, begunAt);
  }
}
