import { checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import type { HedgeOptions } from './HedgeOptions';

/** `@Hedge`'s options, checked and with every default filled in. */
export interface HedgeSettings {
  readonly delayMs: number;
  readonly maxHedged: number;
  readonly allowWithCleanup: boolean;
}

/** `@Hedge`'s defaults. */
export const HEDGE_DEFAULTS = Object.freeze({ maxHedged: 1, allowWithCleanup: false });

const KEYS: readonly (keyof HedgeOptions)[] = ['delayMs', 'maxHedged', 'allowWithCleanup'];

/**
 * Checks `@Hedge`'s options and fills in the defaults.
 * @throws ConfigError naming `site` and the field at fault.
 */
export function hedgeSettings(site: string, options: HedgeOptions): HedgeSettings {
  if (options === undefined) throw new ConfigError(`${site}: options are required: { delayMs }`);
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  if (options.delayMs === undefined) throw new ConfigError(`${site}: \`delayMs\` is required`);
  checkNonNegative(site, 'delayMs', options.delayMs);
  checkInteger(site, 'maxHedged', options.maxHedged, 1);
  checkOneOf(site, 'allowWithCleanup', options.allowWithCleanup, [true, false]);
  return {
    delayMs: options.delayMs,
    maxHedged: options.maxHedged ?? HEDGE_DEFAULTS.maxHedged,
    allowWithCleanup: options.allowWithCleanup ?? HEDGE_DEFAULTS.allowWithCleanup,
  };
}
