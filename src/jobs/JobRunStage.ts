import type { Call } from '../pipeline/Call';
import type { Invoker } from '../pipeline/Invoker';
import { JobRun } from './JobRun';

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
      // The one place the run's counts are read from the call. Every attempt after the first is
      // either a retry or a re-run after a heal, so `@Retry`'s attempts (what "failed after N
      // attempts" counts) are the call's attempts less its heals.
      run.heals = call.heals;
      run.attempts = call.current.attempt - call.heals;
    }
  }
}
