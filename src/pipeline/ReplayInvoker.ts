import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';

/**
 * Sits where the fast path entered the pipeline. When a call's first attempt failed on the fast
 * path, the full pipeline runs from its head and this hands the stages outside it that failure,
 * as though the attempt had just run; every later attempt goes on to `next`.
 */
export class ReplayInvoker implements Invoker {
  constructor(readonly next: Invoker) {}

  invoke(call: Call): Promise<unknown> {
    if (call.replaying) {
      call.replaying = false;
      return Promise.reject(call.replayError);
    }
    return this.next.invoke(call);
  }
}
