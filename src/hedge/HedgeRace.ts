import { Call } from '../call/Call';
import { enterCall, leaveCall } from '../call/currentCall';
import type { Invoker } from '../call/Invoker';
import { logEvent } from '../call/logEvent';
import { lineWanted } from '../logging/lineWanted';
import type { StageLevel } from '../logging/levels';
import type { Clock, TimerHandle } from '../clock/Clock';
import type { HedgeSettings } from './HedgeSettings';
import { runToEnd } from '../call/runToEnd';

/**
 * One hedged attempt of a call: the first run starts at once, another every `delayMs` while none
 * has settled (up to `maxHedged` more). Each run is a call of its own, so it has its own signal,
 * timeout and undo steps; it shares the caller's correlation id. The first success wins and the
 * others are aborted with an `AbortError` naming the winner, their late outcomes ignored. When
 * every run started has failed, the race fails with the first run's error: it is the one the
 * method would have given without `@Hedge`.
 */
export class HedgeRace {
  private readonly runs: Call[] = [];
  private readonly errors: unknown[] = [];
  /** Which runs have settled, by index: those are never aborted. */
  private readonly settled: boolean[] = [];
  private failed = 0;
  private over = false;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly parent: Call,
    private readonly settings: HedgeSettings,
    private readonly next: Invoker,
    private readonly clock: Clock,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    // Told by `attempt.aborted` (a job run's timeout or shutdown): every run stops with its reason.
    parent.listen((event) => {
      if (event === 'attempt.aborted' && !this.over) this.fail(parent.current.signal.reason);
    });
    this.start();
  }

  private start(): void {
    const index = this.runs.length;
    // Made while the parent is the current call, so the run inherits its correlation id.
    const previous = enterCall(this.parent);
    const run = new Call(this.parent.method, this.parent.thisArg, this.parent.args);
    leaveCall(previous);
    this.runs.push(run);
    // A heal that re-ran a hedged attempt is news for the caller's call (a job run counts it).
    run.listen((event) => {
      if (event === 'heal.success') this.parent.emit(event);
    });
    if (index > 0) this.log('info', 'hedge.started', `attempt still running after ${this.settings.delayMs * index} ms; starting hedged attempt ${index + 1}`, { hedge: index + 1, delayMs: this.settings.delayMs });
    if (index < this.settings.maxHedged) this.timer = this.clock.setTimer(this.settings.delayMs, () => this.start());
    runToEnd(this.next, run).then(
      (value) => {
        this.settled[index] = true;
        if (!this.over) this.won(index, value);
      },
      (error: unknown) => this.lost(index, error),
    );
  }

  private lost(index: number, error: unknown): void {
    this.settled[index] = true;
    if (this.over) return;
    this.errors[index] = error;
    this.failed += 1;
    // Runs not yet started are not started: `@Hedge` answers slowness, `@Retry` answers failures.
    if (this.failed === this.runs.length) this.fail(this.errors[0]);
  }

  /** Run `index` succeeded first: the others are aborted, naming it. */
  private won(index: number, value: unknown): void {
    const { label } = this.parent.method;
    // Made only when a run is left to abort: a DOMException costs more than the rest of the race.
    this.stop(() => new DOMException(`${label}: hedged attempt ${index + 1} won`, 'AbortError'));
    if (this.runs.length > 1) {
      this.log('info', 'hedge.won', `hedged attempt ${index + 1} of ${this.runs.length} won`, { hedge: index + 1, started: this.runs.length });
    }
    this.resolve(value);
  }

  private fail(error: unknown): void {
    this.stop(() => error);
    this.reject(error);
  }

  /** Ends the race: no run starts any more, and those still running are aborted with `reason()`. */
  private stop(reason: () => unknown): void {
    this.over = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    const running = this.runs.filter((_run, index) => !this.settled[index]);
    if (running.length === 0) return;
    const why = reason();
    for (const run of running) run.current.abort(why);
  }

  private log(level: StageLevel, event: string, message: string, fields: object): void {
    const { method } = this.parent;
    if (!lineWanted(method.lines, level)) return;
    const previous = enterCall(this.parent);
    logEvent(method, level, event, `${method.label}: ${message}`, fields);
    leaveCall(previous);
  }
}
