import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger as createWinstonLogger, format } from 'winston';
import { Catch } from '../decorators/Catch';
import { Logged } from '../decorators/Logged';
import { Retry } from '../decorators/Retry';
import { fixed } from '../src/backoff/fixed';
import { configure } from '../src/di/configure';
import { LOGGER } from '../src/di/tokens';
import { setLineTap } from '../src/logging/lineTap';
import { errors } from '../src/matching/errors';
import { MemoryTransport } from '../src/testing/MemoryTransport';
import { useTestKit } from './support/useTestKit';

function reset(url: string): Error {
  return Object.assign(new Error(`read ECONNRESET from ${url}`), { code: 'ECONNRESET' });
}

class Sync {
  @Logged({ args: false })
  @Retry({ attempts: 2, backoff: fixed(300) })
  async push(url: string): Promise<void> {
    throw reset(url);
  }

  @Logged({ args: false })
  @Catch(errors.fileNotFound, 'skip')
  async read(path: string): Promise<string> {
    throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT', path });
  }

  skip(): string {
    return 'skipped';
  }
}

const strip = ({ timestamp, correlationId, ...line }: Record<string, unknown>) => line;

describe("each stage's event lines", () => {
  const kit = useTestKit({ autoAdvance: true });

  it('retry.scheduled (warn) and retry.exhausted (error), then call.failure from @Logged outside', async () => {
    await assert.rejects(new Sync().push('https://bot:pw@api.test/v1?token=abc'), { code: 'MENDKIT_RETRY_EXHAUSTED' });
    const lines = kit.logs.json();
    assert.deepEqual(lines.map((line) => line.event), ['call.start', 'retry.scheduled', 'retry.exhausted', 'call.failure']);
    assert.equal(new Set(lines.map((line) => line.correlationId)).size, 1);
    const [, scheduled, exhausted, failure] = lines.map(strip);
    const { error: scheduledError, ...scheduledRest } = scheduled!;
    assert.deepEqual(scheduledRest, {
      level: 'warn',
      message: 'Sync.push attempt 1 failed (ECONNRESET); retrying in 300 ms',
      event: 'retry.scheduled',
      component: 'Sync.push',
      attempt: 1,
      delayMs: 300,
      code: 'ECONNRESET',
    });
    assert.equal((scheduledError as Record<string, unknown>).message, 'read ECONNRESET from https://bot:[REDACTED]@api.test/v1?token=[REDACTED]');
    const { error: lastError, ...exhaustedRest } = exhausted!;
    assert.deepEqual(exhaustedRest, {
      level: 'error',
      message: 'Sync.push failed after 2 attempts: read ECONNRESET from https://bot:[REDACTED]@api.test/v1?token=[REDACTED]',
      event: 'retry.exhausted',
      component: 'Sync.push',
      attempts: 2,
      reason: 'attempts',
      code: 'ECONNRESET',
    });
    assert.equal((lastError as Record<string, unknown>).code, 'ECONNRESET');
    assert.equal(failure?.level, 'error');
    assert.equal(failure?.code, 'MENDKIT_RETRY_EXHAUSTED');
    assert.equal(((failure?.error as Record<string, unknown>).cause as Record<string, unknown>).code, 'ECONNRESET');
    assert.equal((failure?.error as Record<string, unknown>).name, 'RetryExhaustedError');
    assert.doesNotMatch(JSON.stringify(lines), /pw@|token=abc/);
  });

  it('catch.handled (warn), then call.success: @Logged sees the call as its caller does', async () => {
    assert.equal(await new Sync().read('/etc/app.json'), 'skipped');
    const lines = kit.logs.json().map(strip);
    assert.deepEqual(lines.map((line) => line.event), ['call.start', 'catch.handled', 'call.success']);
    const { error, ...handled } = lines[1]!;
    assert.deepEqual(handled, {
      level: 'warn',
      message: 'Sync.read failed (ENOENT); handled by skip',
      event: 'catch.handled',
      component: 'Sync.read',
      code: 'ENOENT',
      matcher: 'code ENOENT',
      handler: 'skip',
    });
    assert.equal((error as Record<string, unknown>).path, '/etc/app.json');
  });

  it("go, redacted, to a user's own winston logger registered under LOGGER", async () => {
    const memory = new MemoryTransport({ format: format.json() });
    kit.container.register(LOGGER, { useValue: createWinstonLogger({ level: 'debug', transports: [memory] }) });
    configure({ container: kit.container });
    await assert.rejects(new Sync().push('https://bot:pw@api.test/'));
    assert.deepEqual(memory.entries.map((entry) => entry.event), ['call.start', 'retry.scheduled', 'retry.exhausted', 'call.failure']);
    assert.equal(memory.entries[1]?.component, 'Sync.push');
    assert.doesNotMatch(JSON.stringify(memory.entries), /pw@/);
  });

  it('reach a line tap that comes after the pipeline was built with their levels off, and are not written', async () => {
    class Later {
      failures = 1;

      @Logged({ args: false })
      @Retry({ attempts: 2, backoff: fixed(1) })
      async run(): Promise<string> {
        if (this.failures-- > 0) throw reset('https://api.test/');
        return 'ok';
      }
    }
    kit.logger.level = 'error';
    const later = new Later();
    // Builds the pipeline (for level error, no tap), and has @Retry note that warn is off.
    assert.equal(await later.run(), 'ok');
    later.failures = 1;
    const heard: string[] = [];
    // As telemetry does when it turns on while the pipeline stands.
    setLineTap({ seen: (event) => heard.push(event), annotate: () => undefined });
    try {
      assert.equal(await later.run(), 'ok');
    } finally {
      setLineTap(undefined);
    }
    assert.deepEqual(heard, ['call.start', 'retry.scheduled', 'call.success']);
    assert.deepEqual(kit.logs.entries, []);
  });

  it('cost nothing when their level is off: no line, no serialisation', async () => {
    kit.logger.level = 'critical';
    let reads = 0;
    class Quiet {
      @Retry({ attempts: 2, backoff: fixed(1) })
      async run(): Promise<void> {
        const error = reset('x');
        Object.defineProperty(error, 'stack', { get: () => { reads += 1; return 'stack'; } });
        throw error;
      }
    }
    await assert.rejects(new Quiet().run());
    assert.equal(kit.logs.entries.length, 0);
    assert.equal(reads, 0);
  });
});
