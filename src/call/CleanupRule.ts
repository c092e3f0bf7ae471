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
 * Checks one `@Cleanup` when the class is defined.
 * @param owner the prototype (or, for a static method, the class) the decorator sits on.
 * @throws ConfigError when `method` is not a method of the class, or for a bad option.
 */
export function cleanupRule(site: string, owner: object, method: string, options: CleanupOptions = {}): CleanupRule {
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['always']);
  checkOneOf(site, 'always', options.always, [true, false]);
  if (typeof method !== 'string' || typeof (owner as Record<string, unknown>)[method] !== 'function') {
    throw new ConfigError(`${site}: the cleanup \`${String(method)}\` is not a method of the class`);
  }
  return { method, always: options.always === true };
}
