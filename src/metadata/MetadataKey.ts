/** A metadata key that knows the type of the value stored under it. */
export interface MetadataKey<T> {
  readonly symbol: symbol;
  /** Never set: carries `T` for the type checker. */
  readonly type?: T;
}

/** A typed key whose symbol is shared by every copy of mendkit in a process. */
export function metadataKey<T>(name: string): MetadataKey<T> {
  return { symbol: Symbol.for(`mendkit:${name}`) };
}
