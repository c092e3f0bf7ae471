import type { MetadataStore } from '../metadata/MetadataStore';

/** What a method decorator is given to validate its options and record them. */
export interface DecorationSite {
  /** `@Retry on Class.method` (`@Retry on method` for standard decorators, which run before the class exists), to start every message. */
  readonly label: string;
  /** The method's own metadata, in the store of the decorators' convention. */
  readonly metadata: MetadataStore;
  /** The method as written, before mendkit wrapped it (`@Logged` reads its parameter names). */
  readonly method: (...args: never[]) => unknown;
  /**
   * Runs `check` with the method's owner (the prototype, or the class for a static method) and a
   * label that names the class, once the class is complete: at once for legacy decorators; for
   * standard ones when the class is defined (static methods) or first constructed (instance
   * methods), or at the first call if that comes earlier. `check` throws ConfigError.
   */
  whenClassIsComplete(check: (owner: object, label: string) => void): void;
}
