/** A decorated method as the pipeline calls it. */
export type Method = (...args: unknown[]) => unknown;

/**
 * `original.apply(thisArg, args)`, passing the common few arguments directly: `apply` goes through
 * a builtin that copies the array onto the stack, at every attempt of every call, where a direct
 * call costs a plain call.
 */
export function callMethod(original: Method, thisArg: unknown, args: readonly unknown[]): unknown {
  switch (args.length) {
    case 0:
      return original.call(thisArg);
    case 1:
      return original.call(thisArg, args[0]);
    case 2:
      return original.call(thisArg, args[0], args[1]);
    default:
      return original.apply(thisArg, args as unknown[]);
  }
}
