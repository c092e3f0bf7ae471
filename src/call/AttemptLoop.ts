import type { Clock } from '../clock/Clock';
import type { AttemptHooks, Verdict } from './AttemptHooks';
import { Call } from './Call';
import { ContinuedCall } from './ContinuedCall';
import { asyncContextStorage, callStarting } from './currentCall';
import type { Invoker } from './Invoker';
import { type Enter, enter, type Leave, type LoopPlan, type Passed, type States, stateAt, withState } from './loopSteps';
import { LiveCallContext } from './LiveCallContext';
import type { MethodInfo } from './MethodInfo';
import { MethodInvoker } from './MethodInvoker';
import { takeMadeCall } from './startWithoutCall';

/**
 * Each stage's `enter`, or `begin`, bound to it; undefined where the stage has neither. Only a
 * loop whose calls always have their `Call` has an `enter` (see `AttemptLoop.lean`).
 */
function enterTable(stages: readonly AttemptHooks[]): readonly (Enter | undefined)[] {
  return stages.map((stage) => (stage.enter ?? stage.begin)?.bind(stage) as Enter | undefined);
}

/** Each stage's `passed`, bound to it; undefined where it has none. */
function passedTable(stages: readonly AttemptHooks[]): readonly (Passed | undefined)[] {
  return stages.map((stage) => stage.passed?.bind(stage) as Passed | undefined);
}

/** Each stage's `succeeded`, or `passed` taking the call first, bound to it; undefined where it has neither. */
function successTable(stages: readonly AttemptHooks[]): readonly (Leave | undefined)[] {
  return stages.map((stage) => {
    if (stage.succeeded !== undefined) return stage.succeeded.bind(stage) as Leave;
    const passed = stage.passed?.bind(stage);
    return passed && ((_call: Call | undefined, state: unknown, result: unknown) => passed(state, result));
  });
}

/**
 * Runs consecutive hook-form stages (`AttemptHooks`, outermost first) around `next`, without a
 * frame per stage: enters them, awaits `next`, hands the outcome outwards through their hooks, and
 * re-runs what is inside a stage that asks to. A call's first attempt runs in no async frame of
 * its own; a call that fails or re-runs goes on as a `ContinuedCall`, which a waiting retry holds
 * with its one wait — nothing per stage. At the head of a pipeline (`head`), it also begins
 * calls (`start`), without a `Call` while nothing needs one, and runs a call's undo steps before
 * it settles.
 */
export class AttemptLoop implements Invoker, LoopPlan {
  private readonly carriesContext: boolean;
  /**
   * The hooks by stage, bound: read from arrays, not from stage objects of as many classes as
   * there are stages, whose property reads V8 cannot specialise.
   */
  readonly enters: readonly (Enter | undefined)[];
  readonly successes: readonly (Leave | undefined)[];
  readonly failures: readonly (Leave | undefined)[];
  /** `passed` alone, which a first attempt calls as it is: a hook called through its adapter costs a call more. */
  readonly passes: readonly (Passed | undefined)[];
  /** Whether any stage has a hook to enter (`enter`, `begin`) or one for a success (`succeeded`, `passed`). */
  readonly anyEnter: boolean;
  readonly anySuccess: boolean;
  /** `next` when it is the method itself, which an attempt can start without a promise of its own. */
  readonly method: MethodInvoker | undefined;
  /** Whether the loop runs a call's undo steps: it is at the head of the pipeline. */
  readonly endsCall: boolean;
  /**
   * Whether a call's first attempt can run without a `Call`, made only when it fails, a stage
   * asks for a re-run or the method asks for its context: at the head of a pipeline whose stages
   * and method read no call to begin or to succeed. A call that succeeds then costs what a
   * hand-written loop does, plus the stages' own work.
   */
  private readonly lean: boolean;
  /**
   * The one stage with an `enter` hook, if exactly one has (a breaker): a first attempt keeps its
   * state as it is, not in an array made for every call; else -1.
   */
  readonly keeper: number;
  /** The stages with a hook for a success, innermost first: all a first attempt's success visits. */
  readonly passing: readonly number[];
  /**
   * The keeper's `successReaction`, bound, when it is the only stage with a success hook: a first
   * attempt then attaches what it gives for the keeper's state instead of a closure of its own.
   */
  readonly reaction: ((state: unknown) => (result: unknown) => unknown) | undefined;

  /** @param head the method, when the loop is at the head of its pipeline. */
  constructor(
    stages: readonly AttemptHooks[],
    readonly next: Invoker,
    readonly clock: Clock,
    readonly head: MethodInfo | undefined,
  ) {
    this.carriesContext = stages.some((stage) => stage.carriesContext === true);
    this.enters = enterTable(stages);
    this.successes = successTable(stages);
    this.failures = stages.map((stage) => stage.failed?.bind(stage) as Leave | undefined);
    this.passes = passedTable(stages);
    this.anyEnter = this.enters.some((hook) => hook !== undefined);
    this.anySuccess = this.successes.some((hook) => hook !== undefined);
    this.method = next instanceof MethodInvoker ? next : undefined;
    this.endsCall = head !== undefined;
    this.lean =
      this.endsCall &&
      this.method?.needsCall === false &&
      !this.carriesContext &&
      stages.every((stage) => stage.enter === undefined && stage.succeeded === undefined);
    const entering = this.enters.flatMap((hook, i) => (hook === undefined ? [] : [i]));
    this.keeper = entering.length === 1 ? entering[0]! : -1;
    this.passing = this.successes.flatMap((hook, i) => (hook === undefined ? [] : [i])).reverse();
    const alone = this.keeper >= 0 && this.passing.length === 1 && this.passing[0] === this.keeper ? stages[this.keeper] : undefined;
    this.reaction = alone?.successReaction?.bind(alone) as ((state: unknown) => (result: unknown) => unknown) | undefined;
  }

  /** How many stages the loop runs. */
  get size(): number {
    return this.enters.length;
  }

  invoke(call: Call): Promise<unknown> {
    // Everything the call does, the hooks' log lines and heals included, then sees it as current.
    return this.carriesContext
      ? asyncContextStorage().run(new LiveCallContext(call), startFirst, this, call, undefined, undefined)
      : startFirst(this, call, undefined, undefined);
  }

  /**
   * Begins a call of the method with `thisArg` and `args` and runs it to its end (only at the head
   * of a pipeline). A call made while another one starts nests in it, so it has its `Call` at once.
   */
  start(thisArg: unknown, args: unknown[]): Promise<unknown> {
    if (this.lean && !callStarting()) return startFirst(this, undefined, thisArg, args);
    return this.invoke(new Call(this.head!, thisArg, args));
  }
}

/** The same call, made now if it was begun without one (`AttemptLoop.start`): a failure's hooks read it. */
function callOf(loop: AttemptLoop, call: Call | undefined, thisArg: unknown, args: unknown[] | undefined, begunAt: number): Call {
  return call ?? new Call(loop.head!, thisArg, args!, begunAt);
}

/**
 * A call's first attempt — all there is to most calls — in no async frame: enters the stages,
 * starts the attempt and hands back its promise with the rest attached, which, while every stage
 * passes the result on, returns it. Anything else (a failure, a stage's verdict) goes on as a
 * `ContinuedCall`, which only the calls that fail or re-run pay for: an async frame would cost
 * more than the reactions `then` adds, at every call. `call` is undefined for a call begun without one
 * (`AttemptLoop.start`), made of `thisArg` and `args` when something needs it.
 */
function startFirst(loop: AttemptLoop, call: Call | undefined, thisArg: unknown, args: unknown[] | undefined): Promise<unknown> {
  const begunAt = call === undefined ? loop.head!.fixes.current() : 0;
  let states: States;
  let i = loop.size;
  let started: unknown;
  try {
    if (loop.keeper >= 0) {
      i = loop.keeper;
      states = loop.enters[i]!(call);
      i = loop.size;
    } else if (loop.anyEnter) {
      for (i = 0; i < loop.size; i++) states = enter(loop, call, states, i);
    }
    if (call === undefined) {
      started = loop.method!.startWithoutCall(loop.head!, thisArg, args!, begunAt);
      call = takeMadeCall();
    } else {
      started = loop.method === undefined ? loop.next.invoke(call) : loop.method.start(call);
    }
  } catch (error) {
    // The stage that refused (an open circuit) sees nothing; the stages outside it see the error.
    const continued = ContinuedCall.from(loop, callOf(loop, call, thisArg, args, begunAt), loopStates(loop, states), i, true, error, undefined);
    return new Promise((resolve, reject) => continued.then(resolve, reject));
  }
  const made = call;
  const failed = (error: unknown): unknown =>
    ContinuedCall.from(loop, callOf(loop, made, thisArg, args, begunAt), loopStates(loop, states), loop.size, true, error, undefined);
  if (made === undefined || !loop.endsCall) {
    if (!loop.anySuccess) return Promise.resolve(started).then(undefined, failed);
    if (loop.reaction !== undefined) return Promise.resolve(started).then(loop.reaction(states), failed);
  }
  return Promise.resolve(started).then((result) => passedFirst(loop, made, thisArg, args, begunAt, states, result), failed);
}

/**
 * The first attempt succeeded with `result`: outwards through the stages' success hooks; while
 * each passes it on, the call is over (after its undo steps, at the head); a verdict or a throw
 * goes on as a `ContinuedCall`.
 */
function passedFirst(
  loop: AttemptLoop,
  call: Call | undefined,
  thisArg: unknown,
  args: unknown[] | undefined,
  begunAt: number,
  states: States,
  result: unknown,
): unknown {
  const { passing } = loop;
  let verdict: Verdict;
  for (let k = 0; k < passing.length; k++) {
    // A stage without a success hook would pass the result on: the walk skips it.
    const i = passing[k]!;
    try {
      const passed = loop.passes[i];
      verdict = passed !== undefined ? passed(firstStateAt(loop, states, i), result) : loop.successes[i]!(call, firstStateAt(loop, states, i), result);
    } catch (error) {
      return ContinuedCall.from(loop, callOf(loop, call, thisArg, args, begunAt), loopStates(loop, states), i, true, error, undefined);
    }
    if (verdict !== undefined) return ContinuedCall.from(loop, callOf(loop, call, thisArg, args, begunAt), loopStates(loop, states), i + 1, false, result, verdict);
  }
  return call !== undefined && loop.endsCall ? ended(call, result) : result;
}

/** Stage `i`'s state in a first attempt: with a keeper, `states` is the keeper's state alone. */
function firstStateAt(loop: AttemptLoop, states: States, i: number): unknown {
  if (loop.keeper < 0) return stateAt(loop, states, i);
  return i === loop.keeper ? states : undefined;
}

/** A first attempt's states as a `ContinuedCall` keeps them. */
function loopStates(loop: AttemptLoop, states: States): States {
  const { keeper } = loop;
  return keeper < 0 || states === undefined ? states : withState(loop, undefined, keeper, states);
}

/** `outcome`, once the call's undo steps (if it registered any) have run: a call that ended well. */
function ended(call: Call, outcome: unknown): unknown {
  const cleaning = call.end(false);
  return cleaning === undefined ? outcome : cleaning.then(() => outcome);
}
