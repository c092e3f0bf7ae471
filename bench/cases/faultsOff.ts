import { configure, FaultInjector, Retry } from 'mendkit';
import { type MeasureOptions, versus } from '../measure';
import type { CaseResult } from '../report';
import { work } from '../subjects';
import { benchContainer } from './setup';

class Faultable {
  @Retry({ attempts: 3 })
  call() {
    return work();
  }
}

/** `@Retry` with the fault stage present (an injector registered, no rules), to compare with `retry`. */
export async function faultsOff(options: MeasureOptions): Promise<CaseResult[]> {
  const container = benchContainer();
  container.register(FaultInjector, { useValue: new FaultInjector() });
  configure({ container });
  const faultable = new Faultable();
  const { subject, baseline } = await versus(() => faultable.call(), () => work(), options);
  return [{ name: 'faults-off', nsPerCall: subject, ratioToBare: subject / baseline }];
}
