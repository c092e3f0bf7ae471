import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import { runScopeOf } from './RunScope';

/**
 * Outermost stage of a job's `run()`: forwards the run's abort (timeout, shutdown) to the attempt
 * running at that moment, and reports the attempts and heals made back to the run. A direct call
 * of `run()` without a scheduler's context passes straight through.
 */
export class JobRunStage implements Invoker {
  constructor(private readonly next: Invoker) {}

  async invoke(call: Call): Promise<unknown> {
    const scope = runScopeOf(call.args[0]);
    if (scope === undefined) return this.next.invoke(call);
    const forward = () => call.current.abort(scope.signal.reason);
    scope.signal.addEventListener('abort', forward, { once: true });
    let heals = 0;
    call.listen((event) => {
      if (event === 'heal.success') heals += 1;
    });
    try {
      return await this.next.invoke(call);
    } finally {
      scope.signal.removeEventListener('abort', forward);
      scope.settle(call.current.attempt, heals);
    }
  }
}
