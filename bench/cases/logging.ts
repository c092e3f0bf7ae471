import { configure, Logged, Retry } from 'mendkit';
import { alternate, type MeasureOptions, versus } from '../measure';
import type { CaseResult } from '../report';
import { work } from '../subjects';
import { benchContainer, discardingLogger } from './setup';

class LoggedCall {
  @Logged()
  call() {
    return work();
  }
}

class LoggedRetry {
  @Logged()
  @Retry({ attempts: 3 })
  call() {
    return work();
  }
}

/**
 * `@Logged` + `@Retry` with every level off (the logger at `critical`). Runs before anything turns
 * on async context: on Node 20 that slows every promise of the process, and so every case after it.
 */
export async function loggedDisabled(options: MeasureOptions): Promise<CaseResult[]> {
  configure({ container: benchContainer(discardingLogger('critical')) });
  const quiet = new LoggedRetry();
  const { subject, baseline } = await versus(() => quiet.call(), () => work(), options);
  return [{ name: 'logged-disabled', nsPerCall: subject, ratioToBare: subject / baseline }];
}

/**
 * `@Logged` with its level on (a `call.success` line to a discarding transport) against the same
 * logger called directly with the same fields. `@Logged` turns on async context, whose tax on
 * Node 20 touches every promise: both sides are measured after it is on, and this phase runs last.
 */
export async function loggedEnabled(options: MeasureOptions): Promise<CaseResult[]> {
  const info = discardingLogger('info');
  configure({ container: benchContainer(info) });
  const logged = new LoggedCall();
  await logged.call();
  const direct = async () => {
    const startedAt = Date.now();
    const result = await work();
    info.info('LoggedCall.call succeeded in 0 ms', { event: 'call.success', component: 'LoggedCall.call', durationMs: Date.now() - startedAt });
    return result;
  };
  // Both in the same rounds: a line costs ~100 bare calls, so drift between two runs would
  // weigh more than the difference the target is about.
  const [bare, winston, enabled] = await alternate([() => work(), direct, () => logged.call()], options);
  return [
    { name: 'winston-direct', nsPerCall: winston!, ratioToBare: winston! / bare! },
    { name: 'logged-enabled', nsPerCall: enabled!, ratioToBare: enabled! / bare! },
  ];
}
