import 'reflect-metadata';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { injectable } from 'tsyringe';
import { Catch, Coalesce, configure, currentCall, errors, FaultInjector, faults, fixed, Heal, type Healer, Hedge, Logged, Retry } from 'mendkit';
import { deferred } from './support/deferred';
import { inMemoryTelemetry, points } from './support/inMemoryTelemetry';
import { useTestKit } from './support/useTestKit';
import { waitFor } from './support/waitFor';

const telemetry = inMemoryTelemetry();

/** `mendkit.events` since the last look, as `event.name` → count. */
async function counted(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const point of points(await telemetry.collected(), 'mendkit.events') as { 'event.name': string; value: number }[]) {
    counts[point['event.name']] = (counts[point['event.name']] ?? 0) + point.value;
  }
  return counts;
}

function failWith(code: string): never {
  throw Object.assign(new Error(`failed: ${code}`), { code });
}

let brokenOnce = false;

@injectable()
class FixIt implements Healer {
  matches(error: unknown): boolean {
    return (error as { code?: unknown }).code === 'EBROKEN';
  }

  async heal(): Promise<void> {}
}

class Sync {
  /** Retried twice, given up on, then handled: framed by `@Logged`. */
  @Logged()
  @Catch(errors.network, 'offline')
  @Retry({ attempts: 3, backoff: fixed(5) })
  async push(): Promise<string> {
    failWith('ECONNREFUSED');
  }

  offline(): string {
    return 'offline';
  }

  /** Retried once, given up on, not handled. */
  @Logged()
  @Retry({ attempts: 2, backoff: fixed(5) })
  async pull(): Promise<string> {
    failWith('ECONNRESET');
  }

  /** Healed once, then succeeds. */
  @Heal(FixIt)
  async repair(): Promise<string> {
    if (!brokenOnce) {
      brokenOnce = true;
      failWith('EBROKEN');
    }
    return 'repaired';
  }

  /** Succeeds on the attempt after the one a fault was injected into. */
  @Retry({ attempts: 2, backoff: fixed(1) })
  async fetch(): Promise<string> {
    return 'fetched';
  }
}

/** What the calls of {@link runAll} log, with each event's level and count: `mendkit.events` must count all of it whatever the level. */
const EVENTS = {
  'call.start': ['debug', 2],
  'retry.scheduled': ['warn', 4],
  'retry.exhausted': ['error', 2],
  'catch.handled': ['warn', 1],
  'call.success': ['info', 1],
  'call.failure': ['error', 1],
  'heal.start': ['info', 1],
  'heal.success': ['info', 1],
  'fault.injected': ['info', 1],
} as const;

const SEVERITY = { critical: 0, error: 1, warn: 2, info: 3, debug: 6 } as const;

/** The counts of {@link EVENTS} whose level is `level` or more severe. */
function eventsAt(level: keyof typeof SEVERITY): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [event, [eventLevel, count]] of Object.entries(EVENTS)) if (SEVERITY[eventLevel] <= SEVERITY[level]) counts[event] = count;
  return counts;
}

/** The lines the logger wrote, as `event` → count. */
function logged(entries: readonly { event?: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { event } of entries) if (event !== undefined) counts[event] = (counts[event] ?? 0) + 1;
  return counts;
}

/** Runs every call of {@link EVENTS}. */
async function runAll(): Promise<void> {
  const sync = new Sync();
  assert.equal(await sync.push(), 'offline');
  await assert.rejects(sync.pull(), { code: 'MENDKIT_RETRY_EXHAUSTED' });
  assert.equal(await sync.repair(), 'repaired');
  assert.equal(await sync.fetch(), 'fetched');
}

describe('mendkit.events counts every stable event, whatever the log level', () => {
  const kit = useTestKit({ autoAdvance: true });
  beforeEach(async () => {
    await counted();
    brokenOnce = false;
    kit.container.register(FaultInjector, {
      useValue: new FaultInjector({ seed: 1, rules: [{ rate: 1, times: 1, target: Sync, method: 'fetch', fault: faults.network('ECONNRESET') }] }),
    });
    configure({ container: kit.container });
  });

  for (const level of ['debug', 'warn', 'error', 'critical'] as const) {
    it(`with the logger at ${level}: every event counted, and only the lines of levels that are on written`, async () => {
      kit.logger.level = level;
      await runAll();
      assert.deepEqual(await counted(), eventsAt('debug'));
      assert.deepEqual(logged(kit.logs.entries), eventsAt(level));
      if (level === 'critical') assert.deepEqual(kit.logs.entries, []);
    });
  }

  it('counts what @Coalesce and @Hedge log at debug and info with the logger at critical', async () => {
    kit.reset({ now: 0 });
    kit.logger.level = 'critical';
    const gate = deferred<string>();
    let runs = 0;
    class Quotes {
      @Coalesce()
      async load(): Promise<string> {
        return gate.promise;
      }

      @Hedge({ delayMs: 200 })
      async quote(): Promise<number> {
        runs += 1;
        if (runs === 1) {
          const { signal } = currentCall();
          // The first run hangs until the hedged one wins and aborts it.
          await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        }
        return runs;
      }
    }
    const quotes = new Quotes();
    const first = quotes.load();
    const second = quotes.load();
    gate.resolve('config');
    assert.deepEqual(await Promise.all([first, second]), ['config', 'config']);

    const quote = quotes.quote();
    await waitFor(() => runs === 1 && kit.clock.pendingTimers === 1, { what: 'the first run to start and the hedge timer to be set' });
    await kit.clock.advance(200);
    assert.equal(await quote, 2);

    assert.deepEqual(await counted(), { 'coalesce.joined': 1, 'hedge.started': 1, 'hedge.won': 1 });
    assert.deepEqual(kit.logs.entries, []);
  });
});
