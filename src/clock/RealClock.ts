import type { Clock, TimerHandle } from './Clock';
import { sharedWait } from './sharedWait';

/** The wall clock: `Date.now` and Node's timers. mendkit's default `CLOCK`. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    // Without a signal a wait needs no abort listener, and shares its timer: thousands may be pending at once.
    if (signal === undefined) return sharedWait(ms);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    return setTimeout(callback, ms);
  }

  clearTimer(handle: TimerHandle): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
}
