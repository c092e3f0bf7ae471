import type { Clock } from '../clock/Clock';
import { type AttemptHooks, isRerun, type Verdict } from './AttemptHooks';
import type { Call } from './Call';
import { asyncContextStorage } from './currentCall';
import type { Invoker } from './Invoker';
import { LiveCallContext } from './LiveCallContext';

/**
 * Runs consecutive hook-form stages (`AttemptHooks`, outermost first) around `next` in one async
 * frame per call: enters them, awaits `next`, hands the outcome outwards through their hooks, and
 * re-runs what is inside a stage that asks to. A waiting retry holds this frame, its promise and
 * one wait — nothing per stage. When `endsCall`, it also runs the call's undo steps before it
 * settles (it is the head of the pipeline).
 */
export class AttemptLoop implements Invoker {
  private readonly carriesContext: boolean;

  constructor(
    readonly stages: readonly AttemptHooks[],
    readonly next: Invoker,
    readonly clock: Clock,
    readonly endsCall: boolean,
  ) {
    this.carriesContext = stages.some((stage) => stage.carriesContext === true);
  }

  invoke(call: Call): Promise<unknown> {
    // Everything the frame does, the hooks' log lines and heals included, then sees the call as current.
    return this.carriesContext ? asyncContextStorage().run(new LiveCallContext(call), runLoop, this, call) : runLoop(this, call);
  }
}

/** The frame itself: kept small, since a waiting call holds its registers. */
async function runLoop(loop: AttemptLoop, call: Call): Promise<unknown> {
  const { stages } = loop;
  let states: unknown[] | undefined;
  let from = 0;
  let failed: boolean;
  let outcome: unknown;
  for (;;) {
    let entered = from;
    failed = false;
    try {
      for (; entered < stages.length; entered++) {
        const state: unknown = stages[entered]!.enter?.(call);
        if (state !== undefined || states !== undefined) (states ??= [])[entered] = state;
      }
      outcome = await loop.next.invoke(call);
    } catch (error) {
      failed = true;
      outcome = error;
    }
    from = -1;
    for (let i = entered - 1; i >= 0; i--) {
      const stage = stages[i]!;
      let verdict: Verdict;
      try {
        verdict = failed ? stage.failed?.(call, states?.[i], outcome) : stage.succeeded?.(call, states?.[i], outcome);
        if (verdict === undefined) continue;
        if (isRerun(verdict)) {
          const wait = verdict.rerunAfter;
          if (typeof wait !== 'number') await wait;
          else if (wait > 0) await loop.clock.sleep(wait);
          if (verdict.state !== undefined || states !== undefined) (states ??= [])[i] = verdict.state;
          from = i + 1;
          break;
        }
        outcome = await verdict.recover;
        failed = false;
      } catch (error) {
        failed = true;
        outcome = error;
      }
    }
    if (from < 0) break;
    const cleaning = call.nextAttempt();
    if (cleaning !== undefined) await cleaning;
  }
  if (loop.endsCall) {
    const cleaning = call.end(failed);
    if (cleaning !== undefined) await cleaning;
  }
  if (failed) throw outcome;
  return outcome;
}
