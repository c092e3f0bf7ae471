/// <reference types="reflect-metadata" />
import type { MetadataKey } from './MetadataKey';
import type { MetadataStore } from './MetadataStore';

/**
 * Where legacy decorators (`experimentalDecorators`) keep metadata: Reflect metadata on `target`
 * (the prototype, or the class for a static method or the class itself), under `property` if given.
 */
export function reflectStore(target: object, property?: string | symbol): MetadataStore {
  if (property === undefined) {
    return {
      get: <T>(key: MetadataKey<T>) => Reflect.getOwnMetadata(key.symbol, target) as T | undefined,
      set: (key, value) => Reflect.defineMetadata(key.symbol, value, target),
    };
  }
  return {
    get: <T>(key: MetadataKey<T>) => Reflect.getOwnMetadata(key.symbol, target, property) as T | undefined,
    set: (key, value) => Reflect.defineMetadata(key.symbol, value, target, property),
  };
}
