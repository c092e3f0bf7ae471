import { isRerun, type Rerun, type Verdict } from './AttemptHooks';
import type { Call } from './Call';
import { enter, type LoopPlan, type States, verdictOf, withState } from './loopSteps';

/** What a continued call does next, or what it waits on before it goes on. */
const enum Step {
  /** Hands the outcome outwards through the stages' hooks. */
  Walk,
  /** A stage asked for a re-run and its wait is over: keep its new state. */
  Rerun,
  /** Starts the next attempt: the failed one's undo steps first. */
  Next,
  /** Enters the stages inside the one that asked and starts the attempt. */
  Start,
  /** The outcome left the outermost stage: the call's undo steps, then its end. */
  End,
  /** Waits on a re-run's wait (a backoff, a heal). */
  AwaitWait,
  /** Waits on what a stage recovered with. */
  AwaitRecover,
  /** Waits on the failed attempt's undo steps. */
  AwaitCleanup,
  /** Waits on an attempt. */
  AwaitAttempt,
  /** Waits on the call's undo steps. */
  AwaitEnd,
  /** Over: the outcome is final. */
  Settled,
}

/** What a re-run waits on first, if anything: a zero wait re-runs at once (a 0 ms timer costs a turn of the event loop). */
function waitOf(loop: LoopPlan, wait: number | PromiseLike<unknown>): PromiseLike<unknown> | undefined {
  if (typeof wait !== 'number') return wait;
  return wait > 0 ? loop.clock.sleep(wait) : undefined;
}

/**
 * The rest of a call whose first attempt failed or was re-run by a stage (see `startFirst`):
 * hands the outcome outwards from a stage, re-runs what is inside a stage that asks to, until the
 * outcome leaves the outermost stage. What an `async` loop would do, written as steps that each
 * promise's reactions resume: an attempt's rejection reaches a reaction as a value, where
 * `await` would throw it into the frame — unwinding and a handler lookup (~1,000 instructions in
 * V8) at every failed attempt — and a waiting call holds this object, not a suspended frame's
 * registers.
 *
 * A thenable: the promise that a first attempt's reaction resolves with it adopts the outcome
 * through {@link then}, which saves a promise of its own and a turn of the microtask queue.
 */
export class ContinuedCall {
  // Declared, then assigned: class fields would be defined one by one first, for every such call.
  declare private readonly loop: LoopPlan;
  declare private readonly call: Call;
  declare private states: States;
  /** The stage that answered last: the walk asks `i - 1` next; a re-run enters from `i + 1`. */
  declare private i: number;
  declare private failed: boolean;
  declare private outcome: unknown;
  /** A verdict already given for stage `i - 1` (a first attempt's success hook), else undefined. */
  declare private verdict: Verdict;
  /** The re-run asked for, while its wait lasts. */
  declare private rerun: Rerun | undefined;
  declare private step: Step;
  declare private resolve: ((value: unknown) => void) | undefined;
  declare private reject: ((error: unknown) => void) | undefined;
  declare private readonly fulfilled: (value: unknown) => void;
  declare private readonly rejected: (error: unknown) => void;

  private constructor(loop: LoopPlan, call: Call, states: States, i: number, failed: boolean, outcome: unknown, verdict: Verdict) {
    this.loop = loop;
    this.call = call;
    this.states = states;
    this.i = i;
    this.failed = failed;
    this.outcome = outcome;
    this.verdict = verdict;
    this.rerun = undefined;
    this.step = Step.Walk;
    this.resolve = undefined;
    this.reject = undefined;
    this.fulfilled = (value) => this.resume(false, value);
    this.rejected = (error) => this.resume(true, error);
  }

  /**
   * Goes on with a call whose outcome (`failed`, `outcome`) leaves stage `i` outwards (the first
   * stage to answer with `verdict`, when given).
   */
  static from(loop: LoopPlan, call: Call, states: States, i: number, failed: boolean, outcome: unknown, verdict: Verdict): ContinuedCall {
    const continued = new ContinuedCall(loop, call, states, i, failed, outcome, verdict);
    continued.run();
    return continued;
  }

  /** Settles through `resolve` or `reject` once the call is over: what a promise adopting this one calls. */
  then(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
    if (this.step === Step.Settled) (this.failed ? reject : resolve)(this.outcome);
    else {
      this.resolve = resolve;
      this.reject = reject;
    }
  }

  /** Takes steps until one waits on a promise or the call is over. */
  private run(): void {
    try {
      for (;;) {
        switch (this.step) {
          case Step.Walk:
            this.walk();
            break;
          case Step.Rerun:
            this.keepRerunState();
            break;
          case Step.Next:
            this.next();
            break;
          case Step.Start:
            this.start();
            break;
          case Step.End:
            this.end();
            break;
          default:
            return;
        }
      }
    } catch (error) {
      // Only the call's own bookkeeping (its undo steps) throws here: the call fails with it.
      this.settle(true, error);
    }
  }

  /** What the awaited promise gave: the step it waited for goes on from there. */
  private resume(failed: boolean, value: unknown): void {
    switch (this.step) {
      case Step.AwaitWait:
        // A wait that rejects passes its reason outwards instead of re-running.
        if (failed) this.go(Step.Walk, true, value);
        else this.step = Step.Rerun;
        break;
      case Step.AwaitRecover:
        this.go(Step.Walk, failed, value);
        break;
      case Step.AwaitCleanup:
        if (failed) return this.settle(true, value);
        this.step = Step.Start;
        break;
      case Step.AwaitAttempt:
        this.go(Step.Walk, failed, value);
        // Nothing to ask of a success: it leaves every stage as it is.
        if (!failed && !this.loop.anySuccess) this.i = 0;
        break;
      case Step.AwaitEnd:
        // The call's outcome stands unless its undo steps fail.
        return failed ? this.settle(true, value) : this.settle(this.failed, this.outcome);
      default:
        return;
    }
    this.run();
  }

  private go(step: Step, failed: boolean, outcome: unknown): void {
    this.step = step;
    this.failed = failed;
    this.outcome = outcome;
  }

  /** Waits on `value` as `await` would, then resumes at `step`. */
  private await(value: unknown, step: Step): void {
    this.step = step;
    Promise.resolve(value).then(this.fulfilled, this.rejected);
  }

  /** Outwards through the entered stages, innermost first, until one asks for a re-run or recovers. */
  private walk(): void {
    const { loop, call } = this;
    let verdict = this.verdict;
    this.verdict = undefined;
    for (let i = this.i - 1; i >= 0; i--) {
      try {
        if (verdict === undefined) verdict = verdictOf(loop, call, this.states, i, this.failed, this.outcome);
        if (verdict !== undefined) {
          this.i = i;
          if (!isRerun(verdict)) return this.await(verdict.recover, Step.AwaitRecover);
          const wait = waitOf(loop, verdict.rerunAfter);
          this.rerun = verdict;
          if (wait === undefined) this.step = Step.Rerun;
          else this.await(wait, Step.AwaitWait);
          return;
        }
      } catch (error) {
        this.failed = true;
        this.outcome = error;
      }
      verdict = undefined;
    }
    this.step = Step.End;
  }

  /** The re-run's state, read once its wait is over, becomes the stage's. */
  private keepRerunState(): void {
    const rerun = this.rerun!;
    this.rerun = undefined;
    try {
      this.states = withState(this.loop, this.states, this.i, rerun.state);
      this.step = Step.Next;
    } catch (error) {
      this.go(Step.Walk, true, error);
    }
  }

  private next(): void {
    const cleaning = this.call.nextAttempt();
    if (cleaning === undefined) this.step = Step.Start;
    else this.await(cleaning, Step.AwaitCleanup);
  }

  private start(): void {
    const { loop, call } = this;
    // Stages without `enter` only need their state cleared when they are entered again.
    let i = loop.anyEnter || this.states !== undefined ? this.i + 1 : loop.size;
    try {
      for (; i < loop.size; i++) this.states = enter(loop, call, this.states, i);
      this.i = i;
      this.await(loop.method === undefined ? loop.next.invoke(call) : loop.method.start(call), Step.AwaitAttempt);
    } catch (error) {
      // The stage that refused (an open circuit) sees nothing; the stages outside it see the error.
      this.i = i;
      this.go(Step.Walk, true, error);
    }
  }

  private end(): void {
    const ending = this.loop.endsCall ? this.call.end(this.failed) : undefined;
    if (ending === undefined) this.settle(this.failed, this.outcome);
    else this.await(ending, Step.AwaitEnd);
  }

  private settle(failed: boolean, outcome: unknown): void {
    this.step = Step.Settled;
    this.failed = failed;
    this.outcome = outcome;
    const settleWith = failed ? this.reject : this.resolve;
    this.resolve = undefined;
    this.reject = undefined;
    settleWith?.(outcome);
  }
}
