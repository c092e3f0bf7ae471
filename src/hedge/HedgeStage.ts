import type { Clock } from '../clock/Clock';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import { HedgeRace } from './HedgeRace';
import type { HedgeSettings } from './HedgeSettings';

/**
 * `@Hedge`: an attempt that has not settled after `delayMs` gets a twin started beside it (up to
 * `maxHedged` of them); the first success wins and the others are aborted (see {@link HedgeRace}).
 */
export class HedgeStage implements Invoker {
  constructor(
    private readonly settings: HedgeSettings,
    private readonly next: Invoker,
    private readonly clock: Clock,
  ) {}

  invoke(call: Call): Promise<unknown> {
    return new Promise((resolve, reject) => {
      new HedgeRace(call, this.settings, this.next, this.clock, resolve, reject);
    });
  }
}
