import { Call } from './Call';
import type { CallContext } from './CallContext';
import { type ContextSource, enterCall, leaveCall } from './currentCall';
import { callMethod, type Method } from './callMethod';
import type { MethodInfo } from './MethodInfo';

/**
 * The current call while a call starts without its `Call`: it makes the `Call` only if the method
 * asks for its context (`currentCall()`) or starts a decorated call of its own, which nests in it.
 * A call starts so only while no other call is starting (`AttemptLoop.start`), so one stand-in
 * serves every such start, and nothing is made for a method that asks for nothing.
 */
class StandIn implements ContextSource {
  method: MethodInfo | undefined;
  thisArg: unknown;
  args: unknown[] | undefined;
  begunAt = 0;
  made: Call | undefined;

  get current(): CallContext {
    return (this.made ??= new Call(this.method!, this.thisArg, this.args!, this.begunAt)).current;
  }
}

const standIn = new StandIn();

/**
 * Starts `original` for a call that has no `Call` yet, which began at fix count `begunAt`: returns
 * what the method returned, or a rejection with what it threw synchronously. Read
 * {@link takeMadeCall} at once after: the `Call` the start made, if it made one.
 */
export function startWithoutCall(original: Method, method: MethodInfo, thisArg: unknown, args: unknown[], begunAt: number): unknown {
  standIn.method = method;
  standIn.thisArg = thisArg;
  standIn.args = args;
  standIn.begunAt = begunAt;
  const previous = enterCall(standIn);
  let result: unknown;
  try {
    result = callMethod(original, thisArg, args);
  } catch (error) {
    result = Promise.reject(error);
  }
  leaveCall(previous);
  // Nothing of the call stays reachable from the stand-in.
  standIn.method = undefined;
  standIn.thisArg = undefined;
  standIn.args = undefined;
  return result;
}

/** The `Call` the last {@link startWithoutCall} made, if any; the stand-in then forgets it. */
export function takeMadeCall(): Call | undefined {
  const made = standIn.made;
  standIn.made = undefined;
  return made;
}
