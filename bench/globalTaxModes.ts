import 'reflect-metadata';
import { Catch, configure, EnsureDirectory, Heal, Logged, Retry, Timeout } from 'mendkit';
import { benchContainer, discardingLogger, useBenchContainer } from './cases/setup';
import { flaky } from './subjects';

const failsOnce = flaky(1);

class Decorated {
  @Catch('ENOSPC', () => undefined)
  @Retry({ attempts: 3, backoff: () => 0 })
  @Heal(EnsureDirectory)
  @Timeout(1000)
  call() {
    return failsOnce();
  }
}

class LoggedCall {
  @Logged()
  @Retry({ attempts: 3, backoff: () => 0 })
  call() {
    return failsOnce();
  }
}

/**
 * Runs decorated calls (successes and retries) the way a program using `mode`'s features would:
 * `mendkit` — `@Retry`/`@Catch`/`@Heal`/`@Timeout`; `logged` — `@Logged` with its lines on.
 */
export async function useMendkit(mode: string): Promise<void> {
  if (mode === 'mendkit') {
    useBenchContainer();
    const decorated = new Decorated();
    for (let i = 0; i < 10_000; i++) await decorated.call();
    return;
  }
  if (mode !== 'logged') throw new Error(`unknown mode ${mode}`);
  configure({ container: benchContainer(discardingLogger('info')) });
  const logged = new LoggedCall();
  for (let i = 0; i < 10_000; i++) await logged.call();
}
