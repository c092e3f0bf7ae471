import type { Clock } from '../clock/Clock';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import { logEvent } from '../call/logEvent';
import type { MethodInfo } from '../call/MethodInfo';
import { AttemptFaultContext } from './AttemptFaultContext';
import type { Fault } from './Fault';
import type { ActiveRule, FaultInjector } from './FaultInjector';

/**
 * The innermost stage: when the injector is active, may fail the attempt with an injected fault,
 * or run a preceding fault (latency) first, before the real method. When it is not, one check
 * and straight on to the method: no async frame, nothing allocated.
 */
export class FaultStage implements Invoker {
  private version = -1;
  private rules: readonly ActiveRule[] = [];

  constructor(
    private readonly injector: FaultInjector,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
  ) {}

  invoke(call: Call): Promise<unknown> {
    if (!this.injector.active) return this.next.invoke(call);
    return this.inject(call);
  }

  private inject(call: Call): Promise<unknown> {
    const { injector, method } = this;
    try {
      if (this.version !== injector.version) {
        this.rules = injector.rulesFor(method.className, method.methodName);
        this.version = injector.version;
      }
      if (this.rules.length === 0) return this.next.invoke(call);
      const context = new AttemptFaultContext(call, this.clock);
      const fault = injector.pick(this.rules, context, method.label);
      if (fault === undefined) return this.next.invoke(call);
      this.announce(fault, context.attempt);
      if (fault.kind === 'throw') return Promise.reject(fault.create(context));
      return fault.run(context).then(() => this.next.invoke(call));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Through `logEvent`, as every stage's line: so telemetry counts it, whatever the level. */
  private announce(fault: Fault, attempt: number): void {
    const { label } = this.method;
    logEvent(this.method, 'info', 'fault.injected', `injected fault ${fault.name} into ${label} (attempt ${attempt})`, { method: label, attempt, fault: fault.name });
  }
}
