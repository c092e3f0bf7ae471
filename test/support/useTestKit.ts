import { after, beforeEach } from 'node:test';
import { createTestKit, type FakeClockOptions, type TestKit } from 'mendkit/testing';

/** The kit of the test running now: see {@link useTestKit}. */
export interface LiveTestKit extends Omit<TestKit, 'dispose'> {
  /** Replaces this test's kit with a fresh one whose clock has `options` (the first one is disposed). */
  reset(options?: FakeClockOptions): void;
}

/**
 * Gives each test of the enclosing `describe` its own {@link createTestKit} (a container with a
 * FakeClock with `options` and an in-memory logger). Call it in the `describe` body; the returned
 * kit reads the current test's one, from the `beforeEach` hooks declared after it to every
 * `afterEach` hook (it is disposed when the next test starts, and when the suite ends).
 * @example
 * describe('Retry', () => {
 *   const kit = useTestKit({ autoAdvance: true });
 *   it('backs off', async () => {
 *     await new Sync().run();
 *     assert.deepEqual(kit.clock.sleeps, [1000]);
 *   });
 * });
 */
export function useTestKit(options: FakeClockOptions = {}): LiveTestKit {
  let kit: TestKit | undefined;
  const current = (): TestKit => {
    if (kit === undefined) throw new Error('useTestKit: the kit exists while a test runs (in it(), beforeEach and afterEach)');
    return kit;
  };
  // The old kit is disposed before the new one points mendkit at its container.
  const replace = (next: FakeClockOptions | undefined) => {
    kit?.dispose();
    kit = next === undefined ? undefined : createTestKit(next);
  };
  beforeEach(() => replace(options));
  after(() => replace(undefined));
  return {
    get container() {
      return current().container;
    },
    get clock() {
      return current().clock;
    },
    get logs() {
      return current().logs;
    },
    get logger() {
      return current().logger;
    },
    reset(next = options) {
      current();
      replace(next);
    },
  };
}
