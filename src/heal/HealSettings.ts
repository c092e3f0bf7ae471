import { checkInteger, checkKnownKeys, checkOptionsObject, checkPositive } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { type ErrorMatcher, toMatcher } from '../matching/ErrorMatcher';
import type { HealerClass } from './Healer';
import type { HealBudget, HealOptions } from './HealOptions';

/** One `@Heal`, checked and with every default filled in. */
export interface HealRule {
  readonly healer: HealerClass;
  /** The healer class's name, for logs. */
  readonly name: string;
  readonly on: ErrorMatcher | undefined;
  readonly maxHeals: number;
  readonly budget: HealBudget;
}

/** `@Heal`'s defaults. */
export const HEAL_DEFAULTS = Object.freeze({
  maxHeals: 1,
  budget: Object.freeze({ heals: 10, perMs: 60_000 }),
});

const KEYS: readonly (keyof HealOptions)[] = ['on', 'maxHeals', 'budget'];

function isHealerClass(value: unknown): value is HealerClass {
  if (typeof value !== 'function') return false;
  const prototype = (value as { prototype?: Record<string, unknown> }).prototype;
  return typeof prototype?.matches === 'function' && typeof prototype.heal === 'function';
}

function checkBudget(site: string, budget: unknown): void {
  if (budget === undefined) return;
  const where = `${site}: \`budget\``;
  if (typeof budget !== 'object' || budget === null || Array.isArray(budget)) {
    throw new ConfigError(`${where} must be an object { heals, perMs }, got ${String(budget)}`);
  }
  checkKnownKeys(where, budget, ['heals', 'perMs']);
  const { heals, perMs } = budget as Partial<HealBudget>;
  if (heals === undefined || perMs === undefined) {
    throw new ConfigError(`${where} needs both \`heals\` and \`perMs\``);
  }
  checkInteger(where, 'heals', heals, 1);
  checkPositive(where, 'perMs', perMs);
}

/**
 * Checks one `@Heal` and builds its rule.
 * @throws ConfigError naming `site` and the field at fault: a healer that is not a class with
 * `matches` and `heal`, an unknown option, a bad `maxHeals` or `budget`.
 */
export function healRule(site: string, healer: HealerClass, options: HealOptions = {}): HealRule {
  if (!isHealerClass(healer)) {
    throw new ConfigError(
      `${site}: the healer must be a class with matches() and heal() methods, got ${String(healer)}`,
    );
  }
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  checkInteger(site, 'maxHeals', options.maxHeals, 1);
  checkBudget(site, options.budget);
  return {
    healer,
    name: healer.name,
    on: options.on === undefined ? undefined : toMatcher(options.on, `${site}: \`on\``),
    maxHeals: options.maxHeals ?? HEAL_DEFAULTS.maxHeals,
    budget: options.budget ? { heals: options.budget.heals, perMs: options.budget.perMs } : HEAL_DEFAULTS.budget,
  };
}
