import { ConfigError } from '../errors/ConfigError';
import type { MetadataKey } from './MetadataKey';
import type { MetadataStore } from './MetadataStore';

/**
 * Sets one value; refuses a second decorator of a kind that may appear only once on a method.
 * @throws ConfigError naming `site` when the value is already set.
 */
export function setOnce<T>(store: MetadataStore, key: MetadataKey<T>, value: T, site: string): void {
  if (store.get(key) !== undefined) {
    throw new ConfigError(`${site}: this decorator may appear only once on a method`);
  }
  store.set(key, value);
}

/**
 * Adds an item to a list so that the list ends in declaration order: decorators are applied
 * bottom-up in both conventions, so each new item goes first.
 */
export function addInDeclarationOrder<T>(store: MetadataStore, key: MetadataKey<readonly T[]>, item: T): void {
  store.set(key, [item, ...(store.get(key) ?? [])]);
}
