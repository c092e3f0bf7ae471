import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import { JobRun } from '../jobs/JobRun';

/**
 * Outermost stage of a job's `run()`: forwards the run's abort (timeout, shutdown) to the attempt
 * running at that moment, and reports the attempts and heals made back to the run's record. A direct call
 * of `run()` without a scheduler's context passes straight through.
 */
export class JobRunStage implements Invoker {
  constructor(private readonly next: Invoker) {}

  async invoke(call: Call): Promise<unknown> {
    const run = call.args[0];
    if (!(run instanceof JobRun)) return this.next.invoke(call);
    const forward = () => call.current.abort(run.signal.reason);
    run.signal.addEventListener('abort', forward, { once: true });
    try {
      return await this.next.invoke(call);
    } finally {
      run.signal.removeEventListener('abort', forward);
      run.attempts = call.current.attempt;
      run.heals = call.heals;
    }
  }
}
