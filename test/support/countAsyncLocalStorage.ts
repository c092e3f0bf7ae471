/**
 * Counts every `AsyncLocalStorage.run()` and `enterWith()` in this process — what turns on the
 * promise hooks that slow every promise on Node 20. Import it before anything else, so the
 * count starts before mendkit loads. (The prototype is patched: Node 22+ exports the class
 * through a getter that cannot be replaced.)
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const asyncLocalStorageUse = { run: 0, enterWith: 0 };

const prototype = AsyncLocalStorage.prototype as {
  run: (...args: unknown[]) => unknown;
  enterWith: (...args: unknown[]) => void;
};
const { run, enterWith } = prototype;

prototype.run = function (this: unknown, ...args: unknown[]): unknown {
  asyncLocalStorageUse.run += 1;
  return run.apply(this, args);
};
prototype.enterWith = function (this: unknown, ...args: unknown[]): void {
  asyncLocalStorageUse.enterWith += 1;
  enterWith.apply(this, args);
};
