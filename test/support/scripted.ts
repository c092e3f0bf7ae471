/** An error shaped like Node's ECONNREFUSED: transient, so it counts as a breaker failure. */
export function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
}

/** A promise with its resolve and reject handed out (Promise.withResolvers is Node 22+). */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A stand-in for a service: each call takes the next scripted outcome (an error to throw, or
 * 'ok'), then 'ok' once the script runs out; `calls` counts the calls that reached it.
 */
export class Script {
  calls = 0;
  private readonly outcomes: (Error | 'ok')[] = [];

  plan(...outcomes: (Error | 'ok')[]): this {
    this.outcomes.push(...outcomes);
    return this;
  }

  async run(): Promise<string> {
    this.calls += 1;
    const next = this.outcomes.shift() ?? 'ok';
    if (next !== 'ok') throw next;
    return 'ok';
  }
}

/** Settles a promise into a value or its rejection, for asserting on either. */
export function outcome<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
