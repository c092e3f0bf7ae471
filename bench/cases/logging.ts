import { configure, Logged, Retry } from 'mendkit';
import { type MeasureOptions, versus } from '../measure';
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
 * `@Logged` with its level on (a `call.success` line to a discarding transport) against the same
 * logger called directly with the same fields; and `@Logged` + `@Retry` with every level off.
 */
export async function logging(options: MeasureOptions): Promise<CaseResult[]> {

  const info = discardingLogger('info');
  configure({ container: benchContainer(info) });
  const logged = new LoggedCall();
  const direct = async () => {
    const startedAt = Date.now();
    const result = await work();
    info.info('LoggedCall.call succeeded in 0 ms', { event: 'call.success', component: 'LoggedCall.call', durationMs: Date.now() - startedAt });
    return result;
  };
  const winston = await versus(direct, () => work(), options);
  const enabled = await versus(() => logged.call(), () => work(), options);

  configure({ container: benchContainer(discardingLogger('critical')) });
  const quiet = new LoggedRetry();
  const disabled = await versus(() => quiet.call(), () => work(), options);
  return [
    { name: 'winston-direct', nsPerCall: winston.subject, ratioToBare: winston.subject / winston.baseline },
    { name: 'logged-enabled', nsPerCall: enabled.subject, ratioToBare: enabled.subject / enabled.baseline },
    { name: 'logged-disabled', nsPerCall: disabled.subject, ratioToBare: disabled.subject / disabled.baseline },
  ];
}
