/** An error shaped like Node's system errors: a `code`, and a message that names it. */
export function systemError(code: string, message = `${code}: simulated`): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A function that throws each of `failures` in turn, then returns `result`; `calls` counts
 * every call. Stands in for the method body in tests of the pipeline itself.
 */
export function failingThen<T>(failures: readonly unknown[], result: T) {
  const state = {
    calls: 0,
    run: async (): Promise<T> => {
      const failure = failures[state.calls];
      state.calls += 1;
      if (failure !== undefined) throw failure;
      return result;
    },
  };
  return state;
}
