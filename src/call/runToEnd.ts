import type { Call } from './Call';
import type { Invoker } from './Invoker';

/**
 * Runs a call a stage made of its own (a coalesced or a hedged execution) through the stages
 * inside it, then its undo steps, before it settles — what the pipeline's wrapper does for the
 * caller's call.
 */
export async function runToEnd(next: Invoker, call: Call): Promise<unknown> {
  let result: unknown;
  try {
    result = await next.invoke(call);
  } catch (error) {
    await call.end(true);
    throw error;
  }
  await call.end(false);
  return result;
}
