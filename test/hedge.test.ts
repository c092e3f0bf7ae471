import 'reflect-metadata';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CircuitBreaker, Cleanup, ConfigError, currentCall, Hedge, Job, Retry, Scheduler, Timeout, breakers } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { deferred, outcome, refused } from './support/scripted';
import { useTestKit } from './support/useTestKit';
import { waitFor } from './support/waitFor';

/** A server whose first request hangs until its client goes away; later ones answer at once. */
class HangingFirstServer {
  readonly requests: IncomingMessage[] = [];
  /** Whether the client closed the hanging request's socket before any answer. */
  firstClosedUnanswered = false;
  url = '';
  private readonly server: Server = createServer((req, res) => {
    this.requests.push(req);
    if (this.requests.length === 1) {
      res.on('close', () => {
        this.firstClosedUnanswered = !res.writableFinished;
      });
      return;
    }
    res.end(JSON.stringify({ answeredBy: this.requests.length }));
  });

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/quote`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('@Hedge', () => {
  const kit = useTestKit({ now: 0 });
  let server: HangingFirstServer;
  before(async () => {
    server = new HangingFirstServer();
    await server.listen();
  });
  after(() => server.close());

  it('starts a second request when the first hangs; the second wins and the first is aborted', async () => {
    const signals: AbortSignal[] = [];
    const correlationIds: string[] = [];
    class Quotes {
      @Hedge({ delayMs: 200 })
      async quote(url: string): Promise<number> {
        const { signal, correlationId } = currentCall();
        signals.push(signal);
        correlationIds.push(correlationId);
        const response = await fetch(url, { signal });
        return ((await response.json()) as { answeredBy: number }).answeredBy;
      }
    }
    const call = new Quotes().quote(server.url);
    await waitFor(() => server.requests.length === 1, { what: 'the first request to reach the server' });
    await kit.clock.advance(200);
    assert.equal(await call, 2, 'the second request answered');
    assert.equal(signals.length, 2);
    assert.equal(signals[0]!.aborted, true, "the loser's signal is aborted");
    assert.equal((signals[0]!.reason as Error).name, 'AbortError');
    assert.match((signals[0]!.reason as Error).message, /hedged attempt 2 won/);
    assert.equal(signals[1]!.aborted, false);
    assert.equal(correlationIds[0], correlationIds[1], 'both runs belong to one call');
    assert.equal(kit.logs.events('hedge.started')[0]?.correlationId, correlationIds[0]);
    await waitFor(() => server.firstClosedUnanswered, { what: 'the server to see the hanging request closed' });
    assert.deepEqual(
      kit.logs.events('hedge.started').map((line) => [line.hedge, line.delayMs]),
      [[2, 200]],
    );
    assert.deepEqual(
      kit.logs.events('hedge.won').map((line) => [line.hedge, line.started]),
      [[2, 2]],
    );
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('starts nothing more when the first attempt settles in time', async () => {
    let runs = 0;
    class Fast {
      @Hedge({ delayMs: 200, maxHedged: 3 })
      async run(): Promise<string> {
        runs += 1;
        return 'ok';
      }
    }
    assert.equal(await new Fast().run(), 'ok');
    assert.equal(runs, 1);
    assert.equal(kit.clock.pendingTimers, 0);
    assert.equal(kit.logs.events('hedge.started').length, 0);
  });

  it('starts up to maxHedged more, one every delayMs; when all fail, the call fails with the first error', async () => {
    const started: number[] = [];
    const failures = [deferred<string>(), deferred<string>(), deferred<string>()];
    class Slow {
      @Hedge({ delayMs: 100, maxHedged: 2 })
      run(): Promise<string> {
        started.push(kit.clock.now());
        return failures[started.length - 1]!.promise;
      }
    }
    const result = outcome(new Slow().run());
    await kit.clock.advance(100);
    await kit.clock.advance(100);
    await kit.clock.advance(100);
    assert.deepEqual(started, [0, 100, 200], 'three runs, no fourth');
    const first = refused();
    failures[1]!.reject(new Error('second'));
    failures[0]!.reject(first);
    failures[2]!.reject(new Error('third'));
    assert.deepEqual(await result, { error: first });
  });

  it('a late failure of a loser is ignored once another run won', async () => {
    const runs = [deferred<string>(), deferred<string>()];
    let count = 0;
    class Pair {
      @Hedge({ delayMs: 50 })
      run(): Promise<string> {
        return runs[count++]!.promise;
      }
    }
    const call = new Pair().run();
    await kit.clock.advance(50);
    runs[1]!.resolve('second');
    assert.equal(await call, 'second');
    runs[0]!.reject(refused());
  });

  it('counts as one attempt for @Retry and @CircuitBreaker, with a @Timeout per hedged run', async () => {
    let runs = 0;
    class Guarded {
      @Retry({ attempts: 2 })
      @CircuitBreaker({ consecutive: 1 })
      @Hedge({ delayMs: 100 })
      @Timeout(150)
      run(): Promise<string> {
        runs += 1;
        const { signal } = currentCall();
        // The first run hangs until its signal aborts; the hedged one answers.
        if (runs > 1) return Promise.resolve(`run ${runs}`);
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      }
    }
    const call = new Guarded().run();
    await kit.clock.advance(100);
    assert.equal(await call, 'run 2');
    assert.deepEqual(breakers().map((breaker) => [breaker.state, breaker.failures]), [['closed', 0]]);
    assert.equal(kit.logs.events('retry.scheduled').length, 0);
    await waitFor(() => kit.clock.pendingTimers === 0, { what: "the loser's @Timeout timer to be cleared once it stopped" });
  });

  it("a job run's timeout aborts every hedged run", async () => {
    const signals: AbortSignal[] = [];
    @Job({ name: 'hedged', every: 60_000, timeoutMs: 500 })
    class Hedged {
      @Hedge({ delayMs: 100 })
      run(): Promise<void> {
        const { signal } = currentCall();
        signals.push(signal);
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      }
    }
    const scheduler = new Scheduler({ jobs: [Hedged], history: new MemoryRunHistory() });
    const record = scheduler.runNow('hedged');
    await kit.clock.advance(100);
    await kit.clock.advance(400);
    assert.deepEqual([(await record).outcome, (await record).errorCode], ['timedOut', 'MENDKIT_TIMEOUT']);
    assert.deepEqual(signals.map((signal) => [signal.aborted, (signal.reason as Error).name]), [
      [true, 'TimeoutError'],
      [true, 'TimeoutError'],
    ]);
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('is refused at decoration on a method with @Cleanup undo steps, unless allowWithCleanup', () => {
    const declare = (allowWithCleanup?: boolean) => {
      class Rotation {
        @Hedge({ delayMs: 10, ...(allowWithCleanup === undefined ? {} : { allowWithCleanup }) })
        @Cleanup('unlock')
        async rotate(): Promise<void> {}
        unlock(): void {}
      }
      return new Rotation();
    };
    assert.throws(() => declare(), (error: unknown) => error instanceof ConfigError && /@Cleanup undo steps \(`unlock`\).*allowWithCleanup: true/.test(error.message));
    assert.doesNotThrow(() => declare(true));
  });

  it('refuses @Cleanup written above it too', () => {
    assert.throws(() => {
      class Rotation {
        @Cleanup('unlock')
        @Hedge({ delayMs: 10 })
        async rotate(): Promise<void> {}
        unlock(): void {}
      }
      return new Rotation();
    }, /@Cleanup on (Rotation\.)?rotate: @Hedge runs the method several times at once/);
  });

  it('checks its options at decoration, naming the field', () => {
    const bad = (options: unknown) => () => {
      class Service {
        @Hedge(options as never)
        async run(): Promise<void> {}
      }
      return new Service();
    };
    assert.throws(bad(undefined), /options are required: \{ delayMs \}/);
    assert.throws(bad({}), /`delayMs` is required/);
    assert.throws(bad({ delayMs: -1 }), /`delayMs` must be a finite number ≥ 0/);
    assert.throws(bad({ delayMs: 10, maxHedged: 0 }), /`maxHedged` must be an integer ≥ 1/);
    assert.throws(bad({ delayMs: 10, allowWithCleanup: 'yes' }), /`allowWithCleanup` must be one of true, false/);
    assert.throws(bad({ delayMs: 10, hedges: 2 }), /hedges/);
  });
});
