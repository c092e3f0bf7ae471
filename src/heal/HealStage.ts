import type { Clock } from '../clock/Clock';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import { logEvent } from '../call/logEvent';
import { lineWanted } from '../logging/lineWanted';
import type { Call } from '../call/Call';
import type { AttemptHooks, Rerun } from '../call/AttemptHooks';
import type { MethodInfo } from '../call/MethodInfo';
import { getOrCreate } from '../support/getOrCreate';
import type { HealContext, Healer } from './Healer';
import { attachHealFailure } from './healFailure';
import type { HealRegistry } from './HealRegistry';
import type { HealRule } from './HealSettings';
import { HealUndo } from './HealUndo';

/** One `@Heal` of a method, with its healer resolved from the container. */
export interface ResolvedHeal {
  readonly rule: HealRule;
  readonly healer: Healer;
}

type Level = 'info' | 'warn' | 'error';

/** What a heal is about: the rule chosen, the call's context and the error. */
interface Subject {
  readonly rule: HealRule;
  readonly context: HealContext;
  readonly error: unknown;
}

/** A heal this call's next attempt follows, to judge whether it helped. */
interface Healed {
  readonly subject: Subject;
  readonly undo: HealUndo;
}

/** What a heal decided, for the rule it chose: made before anything async runs. */
interface Plan {
  readonly index: number;
  readonly counts: number[];
  readonly undo: HealUndo;
  readonly context: HealContext;
}

/** A re-run once the heal is over; its state, the heal it follows, is known only then. */
class AfterHeal implements Rerun {
  rerunAfter!: Promise<void>;
  state: Healed | undefined;
}

/**
 * `@Heal`: on a failure, the first `@Heal` (top to bottom) whose matcher and healer match fixes
 * the cause, and the call is re-run at once as a new attempt. A heal is skipped, and the error
 * goes on unchanged, when the rule has healed this call `maxHeals` times or the healer's budget
 * across calls is spent; a healer that throws is logged and its error attached to the original,
 * which goes on. Concurrent failures with the same cause share one heal (single flight). When
 * the re-run fails with the same error, the heal did not help: that is logged (`heal.unhelped`)
 * and the heal's undo steps run.
 */
export class HealStage implements AttemptHooks<Healed | undefined> {
  /** Heals per rule index, per call; created on a call's first failure only. */
  private readonly healsByCall = new WeakMap<Call, number[]>();

  constructor(
    private readonly heals: readonly ResolvedHeal[],
    private readonly method: MethodInfo,
    private readonly clock: Clock,
    private readonly registry: HealRegistry,
  ) {}

  /**
   * A failure: when a rule applies (or the last heal is to be judged), re-runs the stages inside
   * once the cause is fixed; else the error goes on at once.
   */
  failed(call: Call, healed: Healed | undefined, error: unknown): Rerun | undefined {
    const plan = this.plan(call, error);
    if (plan === undefined && healed === undefined) return undefined;
    const rerun = new AfterHeal();
    rerun.rerunAfter = this.recover(call, healed, error, plan, rerun);
    return rerun;
  }

  /** Judges the last heal, then heals (or throws `error` on): the state of the re-run goes to `rerun`. */
  private async recover(call: Call, healed: Healed | undefined, error: unknown, plan: Plan | undefined, rerun: AfterHeal): Promise<void> {
    if (healed !== undefined) await this.judge(call, healed, error);
    if (plan === undefined) throw error;
    rerun.state = await this.heal(call, error, plan);
  }

  /** Which rule, if any, takes `error`: its index, this call's heal counts, and the healer's context. */
  private plan(call: Call, error: unknown): Plan | undefined {
    const counts = this.countsOf(call);
    const undo = new HealUndo(call, error);
    const context = this.contextFor(call, counts, undo);
    const index = this.select(error, context);
    return index < 0 ? undefined : { index, counts, undo, context };
  }

  /**
   * The re-run after a heal failed with `error`. When that is the healed failure again, says so
   * and runs the re-run's undo steps (the heal's among them) at once: before any next heal, which
   * must not have its work undone after it.
   */
  private async judge(call: Call, { subject, undo }: Healed, error: unknown): Promise<void> {
    if (!undo.judge(error)) return;
    const then = undo.size > 0 ? `undoing its ${undo.size} change(s)` : 'nothing to undo';
    const message = `${subject.rule.name} did not help ${this.method.label}: the re-run failed the same way (${errorLabel(error)}); ${then}`;
    this.log('warn', 'heal.unhelped', message, subject, { undone: undo.size });
    const cleaning = call.cleanUpFailedAttempt();
    if (cleaning !== undefined) await cleaning;
  }

  /** Resolves when the cause was fixed; otherwise throws `error` (with any heal failure attached). */
  private async heal(call: Call, error: unknown, { index, counts, undo, context }: Plan): Promise<Healed> {
    // The fix count when the failed attempt began: a cause fixed since then is not fixed again.
    const mark = call.attemptEpoch;
    const { rule, healer } = this.heals[index]!;
    const subject: Subject = { rule, context, error };
    if (counts[index]! >= rule.maxHeals) {
      const message = `${rule.name} already healed this call ${rule.maxHeals} time(s); the error goes on`;
      this.log('warn', 'heal.limit', message, subject);
      throw error;
    }
    counts[index]!++;
    const flights = this.registry.flights;
    let key: unknown;
    try {
      key = healer.flightKey?.(error, context);
    } catch (keyError) {
      this.fail(subject, keyError, false);
    }
    if (key !== undefined && flights.healedSince(rule.healer, key, mark)) {
      this.healed(call, `${rule.name} had already fixed this cause; re-running`, subject, true);
      return { subject, undo };
    }
    const running = key === undefined ? undefined : flights.running(rule.healer, key);
    if (running === undefined && !this.withinBudget(subject)) throw error;
    const joined = running !== undefined;
    const { label } = this.method;
    this.log('info', 'heal.start', `${label} failed (${errorLabel(error)}); healing with ${rule.name}`, subject, { joined });
    try {
      await (running ?? this.start(healer, key, subject));
    } catch (healError) {
      this.fail(subject, healError, joined);
    }
    this.healed(call, `${rule.name} healed ${label}; re-running`, subject, joined);
    return { subject, undo };
  }

  /** The cause is fixed and the call re-runs: told to the call's listeners and logged. */
  private healed(call: Call, message: string, subject: Subject, joined: boolean): void {
    call.emit('heal.success');
    this.log('info', 'heal.success', message, subject, { joined });
  }

  /** Logs a heal that failed with both errors, attaches the healer's to the original, and throws the original. */
  private fail(subject: Subject, healError: unknown, joined: boolean): never {
    const { rule, error } = subject;
    const message = `${rule.name} could not heal ${this.method.label}: ${errorMessage(healError)}`;
    this.log('error', 'heal.failure', message, subject, {
      joined,
      healCode: errorLabel(healError),
      healError: errorMessage(healError),
    });
    attachHealFailure(error, { healer: rule.name, error: healError });
    throw error;
  }

  /** The index of the first `@Heal` (top to bottom) whose `on` and healer both accept `error`; -1 if none. */
  private select(error: unknown, context: HealContext): number {
    return this.heals.findIndex(({ rule, healer }) => {
      if (rule.on !== undefined && !rule.on.matches(error)) return false;
      try {
        return healer.matches(error, context);
      } catch {
        return false; // a broken matcher must not replace the error it was asked about
      }
    });
  }

  /** Takes one heal from the healer's budget; logs the first refusal of a spell. */
  private withinBudget(subject: Subject): boolean {
    const { rule } = subject;
    const decision = this.registry.budgetOf(rule.healer).take(rule.budget, this.clock.now());
    if (decision === 'justSpent') {
      const { heals, perMs } = rule.budget;
      const message = `${rule.name} ran ${heals} time(s) within ${perMs} ms; not healing until that eases`;
      this.log('warn', 'heal.budgetSpent', message, subject, { budget: rule.budget });
    }
    return decision === 'granted';
  }

  /** Runs the heal; with a flight key, as the one in-flight heal of that cause. */
  private start(healer: Healer, key: unknown, { rule, context, error }: Subject): Promise<void> {
    const run = async (): Promise<void> => healer.heal(error, context);
    return key === undefined ? run() : this.registry.flights.start(rule.healer, key, run);
  }

  private countsOf(call: Call): number[] {
    return getOrCreate(this.healsByCall, call, () => this.heals.map(() => 0));
  }

  private contextFor(call: Call, counts: readonly number[], undo: HealUndo): HealContext {
    const attempt = call.current;
    return {
      onUndo: (step) => undo.add(step),
      args: call.args,
      thisArg: call.thisArg,
      attempt: attempt.attempt,
      heals: counts.reduce((sum, count) => sum + count, 0),
      method: this.method.label,
      logger: this.method.logger,
      get signal() {
        return attempt.signal;
      },
    };
  }

  private log(level: Level, event: string, message: string, { rule, context, error }: Subject, extra?: object): void {
    if (!lineWanted(this.method.lines, level)) return;
    logEvent(this.method, level, event, message, {
      healer: rule.name,
      attempt: context.attempt,
      heals: context.heals,
      code: errorLabel(error),
      error,
      ...extra,
    });
  }
}
