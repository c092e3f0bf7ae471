import path from 'node:path';
import { ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { Catch, CircuitBreaker, EnsureDirectory, Heal, Retry, Timeout } from 'mendkit';
import type { MeasureOptions, Subject } from '../measure';
import { versus } from '../measure';
import type { CaseResult } from '../report';
import { handwrittenRetry, work } from '../subjects';

class RetryOnly {
  @Retry({ attempts: 3 })
  call() {
    return work();
  }
}

/** The stack most cases compare with: Catch, Retry and Heal around one call. */
export class Stack {
  @Catch('ENOSPC', () => undefined)
  @Retry({ attempts: 3 })
  @Heal(EnsureDirectory)
  call() {
    return work();
  }
}

class StackWithTimeout {
  @Catch('ENOSPC', () => undefined)
  @Retry({ attempts: 3 })
  @Heal(EnsureDirectory)
  @Timeout(1000)
  call() {
    return work();
  }
}

class StackWithBreaker {
  @Catch('ENOSPC', () => undefined)
  @Retry({ attempts: 3 })
  @CircuitBreaker()
  @Heal(EnsureDirectory)
  call() {
    return work();
  }
}

/** `Stack` compiled with standard decorators, from the standard build (`npm run build` makes both). */
function standardStack(): { call(): Promise<number> } {
  const file = path.join(__dirname, '..', '..', '..', 'dist-standard', 'bench', 'standard', 'StandardStack.js');
  const { StandardStack } = require(file) as { StandardStack: new () => { call(): Promise<number> } };
  return new StandardStack();
}

/** The success path's subjects, by case name: every one calls `work` once and it succeeds. */
export async function successSubjects(): Promise<Array<[string, Subject]>> {
  const { default: pRetry } = await import('p-retry');
  const cockatielRetry = retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff() });
  const cockatielWrap = wrap(
    retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff() }),
    circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) }),
    timeout(1000, TimeoutStrategy.Cooperative),
  );
  const retryOnly = new RetryOnly();
  const stack = new Stack();
  const stackStandard = standardStack();
  const stackWithTimeout = new StackWithTimeout();
  const stackWithBreaker = new StackWithBreaker();
  return [
    ['bare', () => work()],
    ['handwritten', () => handwrittenRetry(work, 3, undefined, 0)],
    ['retry', () => retryOnly.call()],
    ['stack', () => stack.call()],
    ['stack-standard', () => stackStandard.call()],
    ['stack+timeout', () => stackWithTimeout.call()],
    ['breaker-closed', () => stackWithBreaker.call()],
    ['cockatiel-retry', () => cockatielRetry.execute(work)],
    ['cockatiel-wrap', () => cockatielWrap.execute(work)],
    ['p-retry', () => pRetry(work, { retries: 2 })],
  ];
}

/** The success path: every subject calls `work` once and it succeeds. */
export async function successPath(options: MeasureOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [name, subject] of await successSubjects()) {
    const { subject: ns, baseline } = await versus(subject, () => work(), options);
    results.push({ name, nsPerCall: ns, ratioToBare: ns / baseline });
  }
  return results;
}
