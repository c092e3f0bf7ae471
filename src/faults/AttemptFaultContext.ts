import type { Clock } from '../clock/Clock';
import { type Call, CallView } from '../call/Call';
import type { FaultContext } from './Fault';

/** The {@link FaultContext} of one attempt, read through from the call: built only while injecting. */
export class AttemptFaultContext extends CallView implements FaultContext {
  constructor(
    call: Call,
    readonly clock: Clock,
  ) {
    super(call);
  }

  get attempt(): number {
    return this.call.current.attempt;
  }

  get thisArg(): unknown {
    return this.call.thisArg;
  }

  get signal(): AbortSignal {
    return this.call.current.signal;
  }
}
