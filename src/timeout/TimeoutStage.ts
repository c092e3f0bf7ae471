import type { Clock } from '../clock/Clock';
import { TimeoutError } from '../errors/TimeoutError';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';

/**
 * `@Timeout`: bounds each attempt. When the limit passes first, the attempt's signal is aborted
 * with a `TimeoutError` and the attempt rejects with it; whatever the method does afterwards is
 * ignored.
 */
export class TimeoutStage implements Invoker {
  constructor(
    private readonly ms: number,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
  ) {}

  invoke(call: Call): Promise<unknown> {
    const attempt = call.current;
    const { clock, ms } = this;
    return new Promise((resolve, reject) => {
      const timer = clock.setTimer(ms, () => {
        const error = new TimeoutError(this.method.label, ms);
        attempt.abort(error);
        reject(error);
      });
      this.next.invoke(call).then(
        (value) => {
          clock.clearTimer(timer);
          resolve(value);
        },
        (error: unknown) => {
          clock.clearTimer(timer);
          reject(error);
        },
      );
    });
  }
}
