import { checkFunction, checkInteger, checkKnownKeys, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import type { Fault, FaultContext } from './Fault';
import { checkFaultRule, type FaultRule } from './FaultRule';
import { MAX_SEED, randomSeed, seededRandom } from './seededRandom';

/** One injected fault, as {@link FaultInjectorOptions.onInject} hears of it. */
export interface FaultInjection {
  /** `Class.method` of the attempt. */
  readonly method: string;
  /** The attempt's number, from 1. */
  readonly attempt: number;
  /** The fault's name, e.g. `ECONNRESET`. */
  readonly fault: string;
  /** The rule's position in the injector's rules, from 0. */
  readonly rule: number;
}

/** Options of {@link FaultInjector}. */
export interface FaultInjectorOptions {
  /** The rules, checked in order. @default none */
  readonly rules?: readonly FaultRule[];
  /** Seeds the draws: the same seed and the same calls replay the same faults. @default a random seed, see `seed` */
  readonly seed?: number;
  /** Start enabled. @default true */
  readonly enabled?: boolean;
  /** Hears of every injected fault (a listener that throws is ignored). */
  readonly onInject?: (injection: FaultInjection) => void;
}

/** A rule with what the injector keeps about it. */
export interface ActiveRule {
  readonly rule: FaultRule;
  readonly index: number;
  injected: number;
}

/**
 * Injects faults into decorated methods, innermost (after `@Timeout`), so `@Retry`, `@Heal`,
 * `@CircuitBreaker` and `@Catch` meet them as they would meet the real fault. Inert unless
 * registered in the container mendkit resolves from (or enabled by `MENDKIT_FAULTS`): with none
 * registered there is no fault stage at all, and a disabled injector, or one without rules,
 * costs one check per attempt. Pipelines look for it when they are built (a method's first call):
 * register it before, or call `configure()` again after.
 * @example
 * const injector = new FaultInjector({
 *   seed: 42,
 *   rules: [{ target: ApiClient, rate: 0.2, fault: faults.network('ECONNRESET', { fetch: true }) }],
 * });
 * container.register(FaultInjector, { useValue: injector });
 * @throws ConfigError for a bad option or rule.
 */
export class FaultInjector {
  /** The seed in use: log it, and pass it back to replay a run. */
  readonly seed: number;
  /** Whether it injects now: enabled and with at least one rule. The stage's one check. */
  active = false;
  /** Changes whenever the rules do, so stages refresh the rules they cached. */
  version = 0;
  /** Attempts seen while active, of methods some rule may apply to: what a chaos run counts. */
  attempts = 0;
  private enabled: boolean;
  private rules: ActiveRule[] = [];
  private readonly random: () => number;
  private readonly onInject: ((injection: FaultInjection) => void) | undefined;

  constructor(options: FaultInjectorOptions = {}) {
    const site = 'new FaultInjector()';
    checkOptionsObject(site, options);
    checkKnownKeys(site, options, ['rules', 'seed', 'enabled', 'onInject']);
    checkInteger(site, 'seed', options.seed, 0);
    if (options.seed !== undefined && options.seed > MAX_SEED) {
      throw new ConfigError(`${site}: \`seed\` must be at most ${MAX_SEED}, got ${options.seed}`);
    }
    checkOneOf(site, 'enabled', options.enabled, [true, false]);
    checkFunction(site, 'onInject', options.onInject);
    if (options.rules !== undefined && !Array.isArray(options.rules)) {
      throw new ConfigError(`${site}: \`rules\` must be a list of rules`);
    }
    this.seed = options.seed ?? randomSeed();
    this.random = seededRandom(this.seed);
    this.enabled = options.enabled ?? true;
    this.onInject = options.onInject;
    for (const rule of options.rules ?? []) this.add(rule);
  }

  /** Adds a rule after the others. @throws ConfigError for a bad rule. */
  add(rule: FaultRule): this {
    const index = this.rules.length;
    this.rules = [...this.rules, { rule: checkFaultRule(rule, index), index, injected: 0 }];
    return this.changed();
  }

  /** Removes every rule. */
  clear(): this {
    this.rules = [];
    return this.changed();
  }

  /** Starts injecting (rules permitting). */
  enable(): this {
    this.enabled = true;
    return this.changed();
  }

  /** Stops injecting; the rules and their counts stay. */
  disable(): this {
    this.enabled = false;
    return this.changed();
  }

  /** How many times each fault was injected, by fault name. */
  injected(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { rule, injected } of this.rules) {
      if (injected > 0) counts[rule.fault.name] = (counts[rule.fault.name] ?? 0) + injected;
    }
    return counts;
  }

  /**
   * The rules that may apply to a method of `className` named `methodName`: what a stage caches.
   * @internal
   */
  rulesFor(className: string, methodName: string): readonly ActiveRule[] {
    return this.rules.filter(({ rule }) => {
      if (rule.method !== undefined && rule.method !== methodName) return false;
      return typeof rule.target !== 'string' || rule.target === className;
    });
  }

  /**
   * Decides one attempt: one draw, shared by the rules that take part, each owning a slice of
   * [0, 1) as wide as its rate; returns the fault of the slice the draw falls in, if any.
   * @internal
   */
  pick(rules: readonly ActiveRule[], context: FaultContext, label: string): Fault | undefined {
    this.attempts += 1;
    let draw: number | undefined;
    let ceiling = 0;
    for (const active of rules) {
      const { rule } = active;
      if (rule.times !== undefined && active.injected >= rule.times) continue;
      if (typeof rule.target === 'function' && !isTarget(context.thisArg, rule.target)) continue;
      if (rule.when !== undefined && !rule.when(context)) continue;
      draw ??= this.random();
      ceiling += rule.rate;
      if (draw >= ceiling) continue;
      active.injected += 1;
      this.tell({ method: label, attempt: context.attempt, fault: rule.fault.name, rule: active.index });
      return rule.fault;
    }
    return undefined;
  }

  private tell(injection: FaultInjection): void {
    try {
      this.onInject?.(injection);
    } catch {
      // A listener must never change the outcome of the attempt it observes.
    }
  }

  private changed(): this {
    this.active = this.enabled && this.rules.length > 0;
    this.version += 1;
    return this;
  }
}

function isTarget(thisArg: unknown, target: Function): boolean {
  return thisArg === target || (typeof thisArg === 'object' && thisArg !== null && thisArg instanceof target);
}
