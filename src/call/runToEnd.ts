import type { Call } from './Call';
import type { Invoker } from './Invoker';

/**
 * Runs a call through `next`, then its undo steps, before it settles: the caller's call of a
 * pipeline that starts with a wrapping stage (an `AttemptLoop` at the head does this
 * itself), or a call a stage made of its own (a coalesced or a hedged execution).
 */
export async function runToEnd(next: Invoker, call: Call): Promise<unknown> {
  let result: unknown;
  try {
    result = await next.invoke(call);
  } catch (error) {
    const cleaning = call.end(true);
    if (cleaning !== undefined) await cleaning;
    throw error;
  }
  // Most calls register no undo step: they settle without a further turn.
  const cleaning = call.end(false);
  if (cleaning !== undefined) await cleaning;
  return result;
}
