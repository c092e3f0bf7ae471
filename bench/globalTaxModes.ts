import 'reflect-metadata';
import { Catch, Retry, Timeout } from 'mendkit';
import { useBenchContainer } from './cases/setup';
import { flaky } from './subjects';

const failsOnce = flaky(1);

class Decorated {
  @Catch('ENOSPC', () => undefined)
  @Retry({ attempts: 3, backoff: () => 0 })
  @Timeout(1000)
  call() {
    return failsOnce();
  }
}

/** Runs decorated calls (successes and retries) the way a program using `mode`'s features would. */
export async function useMendkit(mode: string): Promise<void> {
  if (mode !== 'mendkit') throw new Error(`unknown mode ${mode}`);
  useBenchContainer();
  const decorated = new Decorated();
  for (let i = 0; i < 10_000; i++) await decorated.call();
}
