import type { Logger } from 'winston';
import type { Clock } from '../clock/Clock';
import { Call } from '../call/Call';
import { AttemptLoop } from '../call/AttemptLoop';
import { FixEpoch } from '../call/FixEpoch';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import type { RetryOptions } from './RetryOptions';
import { retrySettings } from './RetrySettings';
import { RetryStage } from './RetryStage';

/**
 * `@Retry` for a function rather than a method: for mendkit's own helpers that cannot carry a
 * decorator. Same settings, same stage, same log lines (with `label` as the component).
 * @throws ConfigError for bad options, at once.
 */
export function retryFunction(
  label: string,
  options: RetryOptions,
  services: { readonly logger: Logger; readonly clock: Clock },
): <T>(fn: () => Promise<T>) => Promise<T> {
  const [className = label, methodName = ''] = label.split('.');
  const method: MethodInfo = { className, methodName, label, logger: services.logger, lines: services.logger, fixes: new FixEpoch() };
  const stage = new RetryStage(retrySettings(`retry of ${label}`, options), method, services.clock);
  return <T>(fn: () => Promise<T>) => {
    const invoker: Invoker = { invoke: () => fn() };
    return new AttemptLoop([stage], invoker, services.clock, undefined).invoke(new Call(method, undefined, [])) as Promise<T>;
  };
}
