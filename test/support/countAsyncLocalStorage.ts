/**
 * Counts every AsyncLocalStorage made, run or entered in this process. Import it before
 * anything else, so the count starts before mendkit loads.
 */
import hooks = require('node:async_hooks');

export const asyncLocalStorageUse = { created: 0, run: 0, enterWith: 0 };

const Original = hooks.AsyncLocalStorage;

class CountedAsyncLocalStorage<T> extends Original<T> {
  constructor() {
    super();
    asyncLocalStorageUse.created += 1;
  }

  override run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R {
    asyncLocalStorageUse.run += 1;
    return super.run(store, callback, ...args);
  }

  override enterWith(store: T): void {
    asyncLocalStorageUse.enterWith += 1;
    super.enterWith(store);
  }
}

(hooks as { AsyncLocalStorage: typeof Original }).AsyncLocalStorage = CountedAsyncLocalStorage;
