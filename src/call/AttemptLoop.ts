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

/**
 * The stages' states: for a loop of one stage its state itself, else an array made on the first
 * state to keep. A waiting retry of `@Retry` alone so holds no array.
 */
type States = unknown;

function stateAt(loop: AttemptLoop, states: States, i: number): unknown {
  return loop.stages.length === 1 ? states : (states as unknown[] | undefined)?.[i];
}

function withState(loop: AttemptLoop, states: States, i: number, state: unknown): States {
  const size = loop.stages.length;
  if (size === 1) return state;
  if (states === undefined && state === undefined) return undefined;
  const array = (states as unknown[] | undefined) ?? new Array<unknown>(size);
  array[i] = state;
  return array;
}

/** Asks stage `i` what to make of the outcome. */
function verdictOf(loop: AttemptLoop, call: Call, states: States, i: number, failed: boolean, outcome: unknown): Verdict {
  const stage = loop.stages[i]!;
  return failed ? stage.failed?.(call, stateAt(loop, states, i), outcome) : stage.succeeded?.(call, stateAt(loop, states, i), outcome);
}

/** What to await before a re-run, if anything: a zero wait re-runs at once (a 0 ms timer costs a turn of the event loop). */
function waitOf(loop: AttemptLoop, wait: number | PromiseLike<unknown>): PromiseLike<unknown> | undefined {
  if (typeof wait !== 'number') return wait;
  return wait > 0 ? loop.clock.sleep(wait) : undefined;
}

/**
 * The frame itself. A waiting call holds its registers, so it keeps few variables and leaves
 * the work between awaits to the functions above.
 */
async function runLoop(loop: AttemptLoop, call: Call): Promise<unknown> {
  let states: States;
  let from = 0;
  let failed: boolean;
  let outcome: unknown;
  let i: number;
  let verdict: Verdict;
  let pending: PromiseLike<unknown> | undefined;
  for (;;) {
    failed = false;
    i = from;
    try {
      for (; i < loop.stages.length; i++) states = withState(loop, states, i, loop.stages[i]!.enter?.(call));
      outcome = await loop.next.invoke(call);
    } catch (error) {
      failed = true;
      outcome = error;
    }
    // Outwards through the entered stages, innermost first.
    from = -1;
    for (i -= 1; i >= 0; i--) {
      try {
        verdict = verdictOf(loop, call, states, i, failed, outcome);
        if (verdict === undefined) continue;
        if (isRerun(verdict)) {
          pending = waitOf(loop, verdict.rerunAfter);
          if (pending !== undefined) await pending;
          states = withState(loop, states, i, verdict.state);
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
    pending = call.nextAttempt();
    if (pending !== undefined) await pending;
  }
  if (loop.endsCall) {
    pending = call.end(failed);
    if (pending !== undefined) await pending;
  }
  if (failed) throw outcome;
  return outcome;
}
