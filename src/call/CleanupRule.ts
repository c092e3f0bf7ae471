import { checkKnownKeys, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { metadataKey } from '../metadata/MetadataKey';
import type { CleanupOptions } from './CleanupOptions';

/** One `@Cleanup`, checked: which method undoes the work, and whether it always runs. */
export interface CleanupRule {
  readonly method: string;
  readonly always: boolean;
}

/** Where `@Cleanup` records a method's rules, in declaration order. */
export const CLEANUP_KEY = metadataKey<readonly CleanupRule[]>('cleanups');

/**
 * Checks one `@Cleanup`; that `method` is a method of the class is checked apart, once the class
 * is complete (`checkMethodOf`).
 * @throws ConfigError when `method` is not a name, or for a bad option.
 */
export function cleanupRule(site: string, method: string, options: CleanupOptions = {}): CleanupRule {
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['always']);
  checkOneOf(site, 'always', options.always, [true, false]);
  if (typeof method !== 'string') {
    throw new ConfigError(`${site}: the cleanup \`${String(method)}\` is not a method of the class`);
  }
  return { method, always: options.always === true };
}
