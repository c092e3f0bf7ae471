/// <reference types="reflect-metadata" />
import { ConfigError } from '../errors/ConfigError';
import type { MetadataKey } from './MetadataKey';

/** @throws ConfigError when `reflect-metadata` (or another Reflect metadata polyfill) is not loaded. */
export function requireReflectMetadata(): void {
  if (typeof Reflect.getOwnMetadata !== 'function' || typeof Reflect.defineMetadata !== 'function') {
    throw new ConfigError(
      'mendkit needs reflect-metadata: add `import "reflect-metadata";` as the first line of your ' +
        "program's entry file, before importing mendkit, tsyringe or your decorated classes",
    );
  }
}

/** Reads one value of a method's own metadata (never an inherited one). */
export function getOwn<T>(key: MetadataKey<T>, target: object, property: string | symbol): T | undefined {
  return Reflect.getOwnMetadata(key.symbol, target, property) as T | undefined;
}

/**
 * Sets one value; refuses a second decorator of a kind that may appear only once on a method.
 * @throws ConfigError naming `site` when the value is already set.
 */
export function setOnce<T>(key: MetadataKey<T>, value: T, target: object, property: string | symbol, site: string): void {
  if (getOwn(key, target, property) !== undefined) {
    throw new ConfigError(`${site}: this decorator may appear only once on a method`);
  }
  Reflect.defineMetadata(key.symbol, value, target, property);
}

/**
 * Adds an item to a list so that the list ends in declaration order: decorators are applied
 * bottom-up, so each new item goes first.
 */
export function addInDeclarationOrder<T>(
  key: MetadataKey<readonly T[]>,
  item: T,
  target: object,
  property: string | symbol,
): void {
  const list = getOwn(key, target, property) ?? [];
  Reflect.defineMetadata(key.symbol, [item, ...list], target, property);
}
