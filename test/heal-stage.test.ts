import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DependencyContainer } from 'tsyringe';
import {
  ConfigError,
  currentCall,
  fixed,
  Heal,
  healFailureOf,
  type HealContext,
  type Healer,
  Retry,
  RetryExhaustedError,
  Timeout,
} from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { decoratedAt } from './support/decoratorMode';

function coded(code: string): Error {
  return Object.assign(new Error(`failed with ${code}`), { code });
}

/** A healer that fixes the "broken" flag of a shared `World` and records what it was told. */
class World {
  broken = true;
  /** How many times the broken state comes back after a heal. */
  relapses = 0;
  heals = 0;
  contexts: HealContext[] = [];
}

class FixWorld implements Healer {
  constructor(private readonly world: World) {}
  matches(error: unknown): boolean {
    return (error as { code?: string }).code === 'EBROKEN';
  }
  async heal(_error: unknown, context: HealContext): Promise<void> {
    this.world.heals++;
    this.world.contexts.push(context);
    if (this.world.relapses-- > 0) return;
    this.world.broken = false;
  }
}

class OtherFix implements Healer {
  constructor(private readonly world: World) {}
  matches(): boolean {
    return true;
  }
  async heal(): Promise<void> {
    this.world.heals += 100;
    this.world.broken = false;
  }
}

class BrokenKeyHealer implements Healer {
  matches(): boolean {
    return true;
  }
  async heal(): Promise<void> {}
  flightKey(): unknown {
    throw new TypeError('bug in flightKey');
  }
}

class ExplodingHealer implements Healer {
  matches(): boolean {
    return true;
  }
  async heal(): Promise<void> {
    throw coded('EHEALER');
  }
}

/** Heals a timeout by un-sticking the world: the re-run must get a timeout of its own. */
class Unstick implements Healer {
  constructor(private readonly world: World) {}
  matches(error: unknown): boolean {
    return error instanceof Error && error.name === 'TimeoutError';
  }
  async heal(): Promise<void> {
    this.world.broken = false;
  }
}

class Task {
  attempts: number[] = [];
  signals: AbortSignal[] = [];
  constructor(private readonly world: World) {}

  @Heal(FixWorld)
  async run(label: string): Promise<string> {
    const call = currentCall();
    this.attempts.push(call.attempt);
    this.signals.push(call.signal);
    if (this.world.broken) throw coded('EBROKEN');
    return `done ${label}`;
  }

  @Heal(FixWorld, { maxHeals: 3 })
  async runPatiently(): Promise<string> {
    if (this.world.broken) throw coded('EBROKEN');
    return 'done';
  }

  @Heal(OtherFix, { on: 'EOTHER' })
  @Heal(FixWorld)
  async runWithTwo(code: string): Promise<string> {
    if (this.world.broken) throw coded(code);
    return 'done';
  }

  @Heal(FixWorld)
  async fail(error: Error): Promise<never> {
    throw error;
  }

  @Heal(BrokenKeyHealer)
  async runWithBrokenKey(): Promise<never> {
    throw coded('EORIGINAL');
  }

  @Heal(ExplodingHealer)
  async runWithExplodingHealer(): Promise<never> {
    throw coded('EORIGINAL');
  }

  /** Hangs until its attempt's signal is aborted while the world is broken. */
  @Heal(Unstick)
  @Timeout(100)
  async hangWhileBroken(): Promise<string> {
    const { signal } = currentCall();
    this.signals.push(signal);
    if (this.world.broken) await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    return 'done';
  }

  @Retry({ attempts: 3, on: 'EBROKEN', backoff: fixed(100) })
  @Heal(FixWorld)
  @Timeout(1000)
  async runRetried(): Promise<string> {
    this.attempts.push(currentCall().attempt);
    if (this.world.broken) throw coded('EBROKEN');
    return 'done';
  }
}

/**
 * Registers the world, and the healers with factories that take it from the container: what works
 * with standard decorators too, which record no constructor parameter types for tsyringe.
 */
function provideWorld(container: DependencyContainer, world: World): Task {
  container.register(World, { useValue: world });
  container.register(FixWorld, { useFactory: (c) => new FixWorld(c.resolve(World)) });
  container.register(OtherFix, { useFactory: (c) => new OtherFix(c.resolve(World)) });
  container.register(Unstick, { useFactory: (c) => new Unstick(c.resolve(World)) });
  return new Task(world);
}

describe('@Heal', () => {
  let kit: TestKit;
  let world: World;
  let task: Task;

  beforeEach(() => {
    kit = createTestKit({ autoAdvance: true });
    world = new World();
    task = provideWorld(kit.container, world);
  });
  afterEach(() => kit.dispose());

  it('heals, then re-runs at once as a new attempt with a fresh signal, without backoff', async () => {
    assert.equal(await task.run('x'), 'done x');
    assert.deepEqual(task.attempts, [1, 2]);
    assert.notEqual(task.signals[0], task.signals[1]);
    assert.deepEqual(kit.clock.sleeps, []);
    assert.equal(world.heals, 1);
  });

  it('gives the re-run its own @Timeout and signal: a timed-out attempt can be healed', async () => {
    const call = task.hangWhileBroken();
    await kit.clock.advance(100);
    assert.equal(await call, 'done');
    assert.equal(task.signals[0]!.aborted, true);
    assert.equal(task.signals[1]!.aborted, false);
    assert.equal(kit.clock.pendingTimers, 0);
    assert.equal(kit.logs.events('heal.start')[0]?.code, 'MENDKIT_TIMEOUT');
  });

  it('tells the healer the call: arguments, this, attempt, heals so far, method, logger, signal', async () => {
    await task.run('arg');
    const [context] = world.contexts;
    assert.deepEqual(context!.args, ['arg']);
    assert.equal(context!.thisArg, task);
    assert.equal(context!.attempt, 1);
    assert.equal(context!.heals, 0);
    assert.equal(context!.method, 'Task.run');
    context!.logger.info('from the healer');
    assert.equal(kit.logs.entries.at(-1)?.message, 'from the healer');
    assert.equal(context!.signal.aborted, false);
  });

  it('logs heal.start and heal.success with the healer, method and error code', async () => {
    await task.run('x');
    const [start] = kit.logs.events('heal.start');
    const [success] = kit.logs.events('heal.success');
    assert.equal(start?.level, 'info');
    assert.equal(start?.healer, 'FixWorld');
    assert.equal(start?.component, 'Task.run');
    assert.equal(start?.code, 'EBROKEN');
    assert.equal(success?.healer, 'FixWorld');
  });

  it('stops at maxHeals (default 1) when the error keeps coming back, and lets the error through', async () => {
    world.relapses = Infinity;
    await assert.rejects(task.run('x'), { code: 'EBROKEN' });
    assert.equal(world.heals, 1);
    assert.deepEqual(task.attempts, [1, 2]);
    assert.equal(kit.logs.events('heal.limit').length, 1);
  });

  it('honours a larger maxHeals, and still ends', async () => {
    world.relapses = 2;
    assert.equal(await task.runPatiently(), 'done');
    assert.equal(world.heals, 3);
    world.broken = true;
    world.relapses = Infinity;
    await assert.rejects(task.runPatiently(), { code: 'EBROKEN' });
    assert.equal(world.heals, 6);
  });

  it('tries several @Heal in declaration order; `on` narrows which errors a rule is for', async () => {
    assert.equal(await task.runWithTwo('EBROKEN'), 'done');
    assert.equal(world.heals, 1, 'OtherFix is first but its `on` does not match EBROKEN');
    world.broken = true;
    assert.equal(await task.runWithTwo('EOTHER'), 'done');
    assert.equal(world.heals, 101, 'OtherFix is first and matches EOTHER');
  });

  it('passes an error no healer matches through unchanged, without healing', async () => {
    const thrown = coded('EOTHER');
    await assert.rejects(task.fail(thrown), (error: unknown) => error === thrown);
    assert.equal(world.heals, 0);
    assert.equal(kit.logs.events('heal.start').length, 0);
  });

  it('a healer that throws leaves the original error visible, with the healer’s error attached and both logged', async () => {
    const error = await task.runWithExplodingHealer().catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, 'EORIGINAL');
    const failure = healFailureOf(error);
    assert.equal(failure?.healer, 'ExplodingHealer');
    assert.equal((failure?.error as { code?: string }).code, 'EHEALER');
    assert.equal(Object.keys(error as object).includes('healFailure'), false, 'not enumerable');
    const [logged] = kit.logs.events('heal.failure');
    assert.equal(logged?.level, 'error');
    assert.equal(logged?.code, 'EORIGINAL');
    assert.equal(logged?.healCode, 'EHEALER');
  });

  it('a flightKey that throws is a failed heal too: the original error goes on', async () => {
    const error = await task.runWithBrokenKey().catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, 'EORIGINAL');
    assert.ok(healFailureOf(error)?.error instanceof TypeError);
    assert.equal(kit.logs.events('heal.failure').length, 1);
  });

  it('sits inside @Retry: a heal re-run uses no retry attempt, and maxHeals counts per call across retries', async () => {
    world.relapses = Infinity;
    await assert.rejects(task.runRetried(), RetryExhaustedError);
    assert.equal(world.heals, 1, 'one heal for the whole call');
    assert.deepEqual(task.attempts, [1, 2, 3, 4], 'three retry attempts plus one heal re-run');
    assert.deepEqual(kit.clock.sleeps, [100, 100], 'backoff only between retry attempts');
  });

  it('keeps heal state per container: a new test kit starts with a fresh budget', async () => {
    await task.run('x');
    kit.dispose();
    kit = createTestKit({ autoAdvance: true });
    world = new World();
    assert.equal(await provideWorld(kit.container, world).run('y'), 'done y');
    assert.equal(world.heals, 1);
  });
});

describe('@Heal configuration', () => {
  let kit: TestKit;
  beforeEach(() => (kit = createTestKit()));
  afterEach(() => kit.dispose());

  it('refuses a healer that is not a healer class, naming the site', () => {
    assert.throws(() => {
      class Bad {
        @Heal(class NotAHealer {} as never)
        async run(): Promise<void> {}
      }
      return Bad;
    }, (error: unknown) => error instanceof ConfigError && new RegExp(`@Heal on ${decoratedAt('Bad', 'run')}: the healer must be a class`).test(error.message));
  });

  it('refuses a bad maxHeals, an unknown option (with a suggestion) and a bad budget', () => {
    const define = (options: object) => () => {
      class Bad {
        @Heal(ExplodingHealer, options)
        async run(): Promise<void> {}
      }
      return Bad;
    };
    assert.throws(define({ maxHeals: 0 }), /`maxHeals` must be an integer ≥ 1/);
    assert.throws(define({ maxHeal: 2 }), /unknown option `maxHeal` \(did you mean `maxHeals`\?\)/);
    assert.throws(define({ budget: { heals: 2 } }), /`budget` needs both `heals` and `perMs`/);
    assert.throws(define({ budget: { heals: 2, perMs: 0 } }), /`perMs` must be a finite number > 0/);
  });

  it('fails the call with a ConfigError when the healer cannot be resolved from the container', async () => {
    class NeedsSomething implements Healer {
      constructor(readonly dependency: { name: string }) {}
      matches(): boolean {
        return true;
      }
      async heal(): Promise<void> {}
    }
    class Service {
      @Heal(NeedsSomething)
      async run(): Promise<string> {
        return 'never';
      }
    }
    await assert.rejects(new Service().run(), (error: unknown) =>
      error instanceof ConfigError && /@Heal on Service\.run: could not resolve NeedsSomething/.test(error.message),
    );
  });
});
