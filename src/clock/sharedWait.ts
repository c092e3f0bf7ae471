/** The pending waits, by the millisecond they end in. */
const byDue = new Map<number, Promise<void>>();

/**
 * Resolves after `ms` (rounded up to whole milliseconds, as timers count). Waits that end in the
 * same millisecond share one timer and one promise, so a million retries waiting on their backoff
 * hold one await each, not a timer, a promise and a resolver each.
 */
export function sharedWait(ms: number): Promise<void> {
  const wait = Math.max(0, Math.ceil(ms));
  const due = Date.now() + wait;
  let promise = byDue.get(due);
  if (promise === undefined) {
    promise = new Promise((resolve) => {
      setTimeout(() => {
        byDue.delete(due);
        resolve();
      }, wait);
    });
    byDue.set(due, promise);
  }
  return promise;
}
