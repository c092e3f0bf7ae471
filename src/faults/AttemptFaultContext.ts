import type { Clock } from '../clock/Clock';
import type { Call } from '../pipeline/Call';
import type { FaultContext } from './Fault';

/** The {@link FaultContext} of one attempt, read through from the call: built only while injecting. */
export class AttemptFaultContext implements FaultContext {
  constructor(
    private readonly call: Call,
    readonly clock: Clock,
  ) {}

  get attempt(): number {
    return this.call.current.attempt;
  }

  get className(): string {
    return this.call.method.className;
  }

  get method(): string {
    return this.call.method.methodName;
  }

  get args(): readonly unknown[] {
    return this.call.args;
  }

  get thisArg(): unknown {
    return this.call.thisArg;
  }

  get signal(): AbortSignal {
    return this.call.current.signal;
  }
}
