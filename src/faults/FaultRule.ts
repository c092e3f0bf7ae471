import { checkFunction, checkInteger, checkKnownKeys, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import type { Fault, FaultContext } from './Fault';
import { isFault } from './faults';

/** A class a rule targets (its instances, its subclasses' instances, and its static methods). */
export type FaultTarget = abstract new (...args: never[]) => unknown;

/** One fault rule of a {@link FaultInjector}. */
export interface FaultRule {
  /** The fault to inject (see `faults`). */
  readonly fault: Fault;
  /**
   * The fraction of matching attempts that get the fault, 0..1. Rules that match the same attempt
   * share one draw, each taking its own slice in order, so each rule's rate is exact (while they
   * add up to at most 1) and an attempt gets at most one fault.
   */
  readonly rate: number;
  /** The class whose decorated methods get the fault, or its name. @default every class */
  readonly target?: FaultTarget | string;
  /** The method's name. @default every decorated method of the target */
  readonly method?: string;
  /** Stop after injecting this many times. @default no limit */
  readonly times?: number;
  /** Decides per attempt whether the rule takes part at all (a rule it turns down draws nothing). @default always */
  readonly when?: (context: FaultContext) => boolean;
}

const KEYS = ['fault', 'rate', 'target', 'method', 'times', 'when'];

/**
 * Checks a rule and returns it frozen.
 * @throws ConfigError naming the rule and the field that is wrong.
 */
export function checkFaultRule(rule: FaultRule, index: number): FaultRule {
  const site = `FaultInjector rule ${index + 1}`;
  checkOptionsObject(site, rule);
  if (rule === undefined) throw new ConfigError(`${site}: expected a rule object`);
  checkKnownKeys(site, rule, KEYS);
  if (!isFault(rule.fault)) throw new ConfigError(`${site}: \`fault\` must be made with faults.*, got ${String(rule.fault)}`);
  const { rate, target, method, times } = rule;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new ConfigError(`${site} (${rule.fault.name}): \`rate\` must be a number from 0 to 1, got ${String(rate)}`);
  }
  if (target !== undefined && typeof target !== 'function' && typeof target !== 'string') {
    throw new ConfigError(`${site} (${rule.fault.name}): \`target\` must be a class or a class name`);
  }
  if (method !== undefined && typeof method !== 'string') {
    throw new ConfigError(`${site} (${rule.fault.name}): \`method\` must be a method name`);
  }
  checkInteger(`${site} (${rule.fault.name})`, 'times', times, 1);
  checkFunction(`${site} (${rule.fault.name})`, 'when', rule.when);
  return Object.freeze({ ...rule });
}
