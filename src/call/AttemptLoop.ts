import type { Clock } from '../clock/Clock';
import { type AttemptHooks, isRerun, type Verdict } from './AttemptHooks';
import type { Call } from './Call';
import { asyncContextStorage } from './currentCall';
import type { Invoker } from './Invoker';
import { LiveCallContext } from './LiveCallContext';
import { MethodInvoker } from './MethodInvoker';

type Enter = (call: Call) => unknown;
type Leave = (call: Call, state: unknown, outcome: unknown) => Verdict;

/** Each stage's hook `name`, bound to it; undefined where the stage has none. */
function hookTable<F>(stages: readonly AttemptHooks[], name: 'enter' | 'succeeded' | 'failed'): readonly (F | undefined)[] {
  return stages.map((stage) => {
    const hook = stage[name] as ((...args: never[]) => unknown) | undefined;
    return hook === undefined ? undefined : (hook.bind(stage) as F);
  });
}

/**
 * Runs consecutive hook-form stages (`AttemptHooks`, outermost first) around `next` in one async
 * frame per call: enters them, awaits `next`, hands the outcome outwards through their hooks, and
 * re-runs what is inside a stage that asks to. A waiting retry holds this frame, its promise and
 * one wait — nothing per stage. When `endsCall`, it also runs the call's undo steps before it
 * settles (it is the head of the pipeline).
 */
export class AttemptLoop implements Invoker {
  private readonly carriesContext: boolean;
  /**
   * The hooks by stage, bound: read from arrays, not from stage objects of as many classes as
   * there are stages, whose property reads V8 cannot specialise.
   */
  readonly enters: readonly (Enter | undefined)[];
  readonly successes: readonly (Leave | undefined)[];
  readonly failures: readonly (Leave | undefined)[];
  /** Whether any stage has an `enter` or a `succeeded` hook: a success that needs neither walks nothing. */
  readonly anyEnter: boolean;
  readonly anySuccess: boolean;
  /** `next` when it is the method itself, which the frame can await without a promise of its own. */
  readonly method: MethodInvoker | undefined;

  constructor(
    stages: readonly AttemptHooks[],
    readonly next: Invoker,
    readonly clock: Clock,
    readonly endsCall: boolean,
  ) {
    this.carriesContext = stages.some((stage) => stage.carriesContext === true);
    this.enters = hookTable<Enter>(stages, 'enter');
    this.successes = hookTable<Leave>(stages, 'succeeded');
    this.failures = hookTable<Leave>(stages, 'failed');
    this.anyEnter = this.enters.some((hook) => hook !== undefined);
    this.anySuccess = this.successes.some((hook) => hook !== undefined);
    this.method = next instanceof MethodInvoker ? next : undefined;
  }

  /** How many stages the loop runs. */
  get size(): number {
    return this.enters.length;
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
  return loop.size === 1 ? states : (states as unknown[] | undefined)?.[i];
}

function withState(loop: AttemptLoop, states: States, i: number, state: unknown): States {
  const size = loop.size;
  if (size === 1) return state;
  if (states === undefined && state === undefined) return undefined;
  const array = (states as unknown[] | undefined) ?? new Array<unknown>(size);
  array[i] = state;
  return array;
}

/** Enters stage `i`: its `enter` gives its state (a stage without one starts with none). */
function enter(loop: AttemptLoop, call: Call, states: States, i: number): States {
  const hook = loop.enters[i];
  if (hook !== undefined) return withState(loop, states, i, hook(call));
  return states === undefined ? undefined : withState(loop, states, i, undefined);
}

/** Asks stage `i` what to make of the outcome. */
function verdictOf(loop: AttemptLoop, call: Call, states: States, i: number, failed: boolean, outcome: unknown): Verdict {
  const hook = failed ? loop.failures[i] : loop.successes[i];
  return hook === undefined ? undefined : hook(call, stateAt(loop, states, i), outcome);
}

/** What to await before a re-run, if anything: a zero wait re-runs at once (a 0 ms timer costs a turn of the event loop). */
function waitOf(loop: AttemptLoop, wait: number | PromiseLike<unknown>): PromiseLike<unknown> | undefined {
  if (typeof wait !== 'number') return wait;
  return wait > 0 ? loop.clock.sleep(wait) : undefined;
}

/**
 * The frame itself. A waiting call holds its registers, and each `await` copies them out and
 * back, so it keeps few variables and leaves the work between awaits to the functions above.
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
    // Stages without `enter` only need their state cleared when they are entered again.
    i = loop.anyEnter || states !== undefined ? from : loop.size;
    try {
      for (; i < loop.size; i++) states = enter(loop, call, states, i);
      outcome = await (loop.method === undefined ? loop.next.invoke(call) : loop.method.start(call));
    } catch (error) {
      failed = true;
      outcome = error;
    }
    // Outwards through the entered stages, innermost first.
    from = -1;
    if (!failed && !loop.anySuccess) i = 0;
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
