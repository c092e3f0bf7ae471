import 'reflect-metadata';
import assert from 'node:assert/strict';
import { trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { beforeEach, describe, it } from 'node:test';
import { injectable } from 'tsyringe';
import { Bulkhead, CircuitBreaker, configure, Heal, type Healer, Job, Logged, observeState, Retry, Scheduler } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { inMemoryTelemetry, points } from './support/inMemoryTelemetry';
import { useTestKit } from './support/useTestKit';

const telemetry = inMemoryTelemetry();
const spanExporter = telemetry.spans;
const collected = () => telemetry.collected();

const byAttempt = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** The span tree: each span as `name` with its children, ordered by start. */
function tree(spans: readonly ReadableSpan[], parent?: string): object[] {
  return spans
    .filter((span) => span.parentSpanContext?.spanId === parent)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
    .map((span) => ({
      name: span.name,
      ...(span.attributes['mendkit.attempt'] === undefined ? {} : { attempt: span.attributes['mendkit.attempt'] }),
      status: span.status.code,
      events: span.events.map((event) => event.name),
      children: tree(spans, span.spanContext().spanId),
    }));
}

const state = { failures: [] as string[], fixes: 0 };

function failWith(code: string): never {
  throw Object.assign(new Error(`failed: ${code}`), { code });
}

@injectable()
class FixIt implements Healer {
  matches(error: unknown): boolean {
    return (error as { code?: unknown }).code === 'EBROKEN';
  }

  async heal(): Promise<void> {
    state.fixes += 1;
  }
}

class Sync {
  @Retry({ attempts: 3 })
  @Heal(FixIt)
  async fetch(): Promise<string> {
    // The user's own instrumentation (an HTTP client's) nests under the attempt.
    await trace.getTracer('http-client').startActiveSpan('GET /report', async (span) => span.end());
    const next = state.failures.shift();
    if (next !== undefined) failWith(next);
    return 'report';
  }
}

describe('telemetry through OpenTelemetry', () => {
  const kit = useTestKit({ autoAdvance: true });
  beforeEach(async () => {
    await collected();
    spanExporter.reset();
    state.failures = [];
    state.fixes = 0;
  });

  it('a call that is retried, healed, then succeeds: its span tree, durations and events', async () => {
    state.failures = ['ECONNRESET', 'EBROKEN'];
    assert.equal(await new Sync().fetch(), 'report');
    assert.equal(state.fixes, 1);

    const spans = spanExporter.getFinishedSpans();
    const http = { name: 'GET /report', status: 0, events: [], children: [] };
    assert.deepEqual(tree(spans), [
      {
        name: 'Sync.fetch',
        status: 0,
        events: ['retry.scheduled', 'heal.start', 'heal.success'],
        children: [
          { name: 'Sync.fetch attempt', attempt: 1, status: 2, events: ['exception'], children: [http] },
          { name: 'Sync.fetch attempt', attempt: 2, status: 2, events: ['exception'], children: [http] },
          { name: 'Sync.fetch attempt', attempt: 3, status: 0, events: [], children: [http] },
        ],
      },
    ]);

    const found = await collected();
    const method = { 'code.namespace': 'Sync', 'code.function': 'fetch' };
    assert.equal(found.get('mendkit.call.duration')?.unit, 's');
    assert.deepEqual(points(found, 'mendkit.call.duration'), [{ ...method, 'mendkit.outcome': 'success', value: 1 }]);
    assert.deepEqual(
      points(found, 'mendkit.attempt.duration').sort(byAttempt),
      [
        { ...method, 'mendkit.attempt': 1, 'error.type': 'ECONNRESET', 'mendkit.attempt.outcome': 'retried', value: 1 },
        { ...method, 'mendkit.attempt': 2, 'error.type': 'EBROKEN', 'mendkit.attempt.outcome': 'healed', value: 1 },
        { ...method, 'mendkit.attempt': 3, 'mendkit.attempt.outcome': 'success', value: 1 },
      ].sort(byAttempt),
    );
    assert.deepEqual(
      points(found, 'mendkit.events').sort(byAttempt),
      [
        { ...method, 'event.name': 'retry.scheduled', value: 1 },
        { ...method, 'event.name': 'heal.start', value: 1 },
        { ...method, 'event.name': 'heal.success', value: 1 },
      ].sort(byAttempt),
    );

    // The stage's log line carries the trace id.
    const line = kit.logs.entries.find((entry) => entry.event === 'retry.scheduled');
    assert.equal(line?.traceId, spans[0]!.spanContext().traceId);
  });

  it('puts the trace id and the correlation id on the same log lines', async () => {
    class Logs {
      @Logged()
      async run(): Promise<void> {}
    }
    await new Logs().run();
    const [span] = spanExporter.getFinishedSpans();
    const lines = kit.logs.entries.filter((entry) => entry.component === 'Logs.run');
    assert.deepEqual(
      lines.map((entry) => [entry.event, entry.traceId, typeof entry.correlationId]),
      [
        ['call.start', span!.spanContext().traceId, 'string'],
        ['call.success', span!.spanContext().traceId, 'string'],
      ],
    );
  });

  it('a failing job run: the job span is the root, the run counted failed with its duration', async () => {
    @Job({ name: 'nightly', every: '1h' })
    class Nightly {
      @Retry({ attempts: 2 })
      async run(): Promise<void> {
        failWith('ECONNREFUSED');
      }
    }
    const record = await new Scheduler({ jobs: [Nightly], history: new MemoryRunHistory() }).runNow('nightly');
    assert.equal(record.outcome, 'failed');

    assert.deepEqual(tree(spanExporter.getFinishedSpans()), [
      {
        name: 'job nightly',
        status: 2,
        events: ['exception'],
        children: [
          {
            name: 'Nightly.run',
            status: 2,
            events: ['retry.scheduled', 'retry.exhausted', 'exception'],
            children: [
              { name: 'Nightly.run attempt', attempt: 1, status: 2, events: ['exception'], children: [] },
              { name: 'Nightly.run attempt', attempt: 2, status: 2, events: ['exception'], children: [] },
            ],
          },
        ],
      },
    ]);

    const found = await collected();
    const job = { 'mendkit.job': 'nightly', 'mendkit.outcome': 'failed' };
    assert.deepEqual(points(found, 'mendkit.job.runs'), [{ ...job, value: 1 }]);
    assert.deepEqual(points(found, 'mendkit.job.duration'), [{ ...job, value: 1 }]);
    assert.deepEqual(points(found, 'mendkit.call.duration'), [
      { 'code.namespace': 'Nightly', 'code.function': 'run', 'mendkit.outcome': 'failure', 'error.type': 'MENDKIT_RETRY_EXHAUSTED', value: 1 },
    ]);
    assert.deepEqual(points(found, 'mendkit.job.last_success'), []);
  });

  it('observeState(): the circuit state and bulkhead gauges, with keys only when asked', async () => {
    class Hosts {
      @CircuitBreaker({ consecutive: 1, halfOpenAfter: 60_000, key: (host: string) => host })
      @Bulkhead({ concurrency: 2, key: (host: string) => host })
      async get(host: string): Promise<void> {
        if (host === 'down.example') failWith('ECONNREFUSED');
      }
    }
    const hosts = new Hosts();
    await assert.rejects(hosts.get('down.example'));
    await hosts.get('up.example');
    observeState({ keys: true });
    const found = await collected();
    const name = { 'mendkit.name': 'Hosts.get' };
    assert.deepEqual(points(found, 'mendkit.circuit.state').sort(byAttempt), [
      { ...name, 'mendkit.key': 'down.example', value: 2 },
      { ...name, 'mendkit.key': 'up.example', value: 0 },
    ]);
    assert.deepEqual(points(found, 'mendkit.bulkhead.in_use').sort(byAttempt), [
      { ...name, 'mendkit.key': 'down.example', value: 0 },
      { ...name, 'mendkit.key': 'up.example', value: 0 },
    ]);
    assert.equal(kit.logs.events('circuit.open').length, 1);
  });

  it('configure({ telemetry: false }) turns it off: no span, no metric', async () => {
    configure({ telemetry: false });
    try {
      state.failures = ['ECONNRESET'];
      assert.equal(await new Sync().fetch(), 'report');
      assert.deepEqual(spanExporter.getFinishedSpans().filter((span) => span.name.startsWith('Sync')), []);
      const found = await collected();
      assert.deepEqual(points(found, 'mendkit.call.duration'), []);
      assert.deepEqual(points(found, 'mendkit.events'), []);
    } finally {
      configure({ telemetry: true });
    }
  });
});
