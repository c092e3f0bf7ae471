import type { Clock } from '../clock/Clock';
import type { Verdict } from './AttemptHooks';
import type { Call } from './Call';
import type { Invoker } from './Invoker';
import type { MethodInvoker } from './MethodInvoker';

/** Both forms of each hook take the call first; the call-free ones (`begin`, `passed`) ignore it. */
export type Enter = (call: Call | undefined) => unknown;
export type Leave = (call: Call | undefined, state: unknown, outcome: unknown) => Verdict;
export type Passed = (state: unknown, result: unknown) => Verdict;

/** What the steps of a call read of its `AttemptLoop`: the stages' hooks as tables, and what is inside them. */
export interface LoopPlan {
  /** How many stages the loop runs. */
  readonly size: number;
  /** Each stage's `enter`, or `begin`, bound to it; undefined where the stage has neither. */
  readonly enters: readonly (Enter | undefined)[];
  /** Each stage's `succeeded`, or `passed` taking the call first; undefined where it has neither. */
  readonly successes: readonly (Leave | undefined)[];
  readonly failures: readonly (Leave | undefined)[];
  /** Whether any stage has a hook to enter (`enter`, `begin`) or one for a success (`succeeded`, `passed`). */
  readonly anyEnter: boolean;
  readonly anySuccess: boolean;
  /** What the stages run: the next invoker, or the method itself (`method`), which an attempt can start without a promise of its own. */
  readonly next: Invoker;
  readonly method: MethodInvoker | undefined;
  /** Whether the loop ends its calls (runs their undo steps): it is at the head of the pipeline. */
  readonly endsCall: boolean;
  readonly clock: Clock;
}

/**
 * The stages' states: for a loop of one stage its state itself, else an array made on the first
 * state to keep. A waiting retry of `@Retry` alone so holds no array.
 */
export type States = unknown;

/** Stage `i`'s state. */
export function stateAt(loop: LoopPlan, states: States, i: number): unknown {
  return loop.size === 1 ? states : (states as unknown[] | undefined)?.[i];
}

/** `states` with stage `i`'s state set to `state`. */
export function withState(loop: LoopPlan, states: States, i: number, state: unknown): States {
  const size = loop.size;
  if (size === 1) return state;
  if (states === undefined && state === undefined) return undefined;
  const array = (states as unknown[] | undefined) ?? new Array<unknown>(size);
  array[i] = state;
  return array;
}

/** Enters stage `i`: its `enter` gives its state (a stage without one starts with none). */
export function enter(loop: LoopPlan, call: Call | undefined, states: States, i: number): States {
  const hook = loop.enters[i];
  if (hook !== undefined) return withState(loop, states, i, hook(call));
  return states === undefined ? undefined : withState(loop, states, i, undefined);
}

/** Asks stage `i` what to make of the outcome. */
export function verdictOf(loop: LoopPlan, call: Call | undefined, states: States, i: number, failed: boolean, outcome: unknown): Verdict {
  const hook = failed ? loop.failures[i] : loop.successes[i];
  return hook === undefined ? undefined : hook(call, stateAt(loop, states, i), outcome);
}
