/** What every case calls: the cheapest async function there is, and a failure it may throw. */
export const work = async (): Promise<number> => 1;

/**
 * A transient failure made once and thrown again and again: `new Error()` costs ~1.5 µs, which
 * would drown the pipeline's own cost.
 */
export const transientFailure = Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });

/** A function that fails `failures` times in every `failures + 1` calls, then succeeds. */
export function flaky(failures: number): () => Promise<number> {
  let calls = 0;
  return async () => {
    if (calls++ % (failures + 1) < failures) throw transientFailure;
    return 1;
  };
}

/** A hand-written retry loop, as a careful user would write it: the wait outside `catch`. */
export async function handwrittenRetry<T>(
  fn: () => Promise<T>,
  attempts: number,
  sleep: ((ms: number) => Promise<void>) | undefined,
  delayMs: number,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts) throw error;
      failure = error;
    }
    if (failure !== undefined && sleep !== undefined && delayMs > 0) await sleep(delayMs);
  }
}

/** A real timer wait. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
