import type { MetadataKey } from './MetadataKey';

/**
 * One target's own mendkit metadata — a method's or a class's — wherever the decorators that wrote
 * it keep it: Reflect metadata for legacy decorators, the class's decorator metadata object for
 * standard ones. Readers go through this and never ask which.
 */
export interface MetadataStore {
  /** The value under `key`, or undefined; never an inherited one. */
  get<T>(key: MetadataKey<T>): T | undefined;
  set<T>(key: MetadataKey<T>, value: T): void;
}
