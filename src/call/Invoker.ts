import type { Call } from './Call';

/** One link of a method's pipeline: a stage, or the method itself at the end. */
export interface Invoker {
  invoke(call: Call): Promise<unknown>;
}
