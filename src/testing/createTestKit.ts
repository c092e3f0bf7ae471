import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { configure } from '../di/configure';
import { CLOCK, LOGGER } from '../di/tokens';
import { createLogger, type MendkitLogger } from '../logging/createLogger';
import { FakeClock, type FakeClockOptions } from './FakeClock';
import { MemoryTransport } from './MemoryTransport';

/** What {@link createTestKit} sets up for one test. */
export interface TestKit {
  /** A child container of tsyringe's root, which mendkit now resolves from. */
  readonly container: DependencyContainer;
  /** The fake clock registered under `CLOCK`. */
  readonly clock: FakeClock;
  /** Every line mendkit logged, at every level. */
  readonly logs: MemoryTransport;
  /** The logger registered under `LOGGER` (`createLogger`, at debug), writing only to `logs`. */
  readonly logger: MendkitLogger;
  /** Points mendkit back at the root container. */
  dispose(): void;
}

/**
 * Gives a test its own container with a {@link FakeClock} and an in-memory logger, and points
 * mendkit at it, so no state leaks between tests.
 * @example
 * const kit = createTestKit({ autoAdvance: true });
 * after(() => kit.dispose());
 */
export function createTestKit(clockOptions: FakeClockOptions = {}): TestKit {
  const container = rootContainer.createChildContainer();
  const clock = new FakeClock(clockOptions);
  const logs = new MemoryTransport();
  const logger = createLogger({ level: 'debug', console: false, transports: [logs] });
  container.register(CLOCK, { useValue: clock });
  container.register(LOGGER, { useValue: logger });
  configure({ container });
  return {
    container,
    clock,
    logs,
    logger,
    dispose: () => configure({ container: rootContainer }),
  };
}
