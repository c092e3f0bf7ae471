import type { MetadataStore } from '../metadata/MetadataStore';

/** One decorated method as its pipeline sees it, whichever decorator convention recorded it. */
export interface DecoratedMethod {
  /** The class that declares the method (for a static method too). */
  readonly className: string;
  /** The method's name: `#name` for a private method. */
  readonly methodName: string;
  /** The method's own metadata: every stage's settings. */
  readonly metadata: MetadataStore;
}

/**
 * A decorated method as its wrapper holds it. Standard decorators run before their class exists,
 * so the wrapper may learn which class declares the method only from a call's `this`.
 */
export interface MethodSite extends DecoratedMethod {
  /** This method, as a call with this `this` sees it. */
  forCall(thisArg: unknown): DecoratedMethod;
}
