import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createLogger as createWinstonLogger, format, transports } from 'winston';
import { Catch, currentCall, errors, FileRunHistory, fixed, Job, Logged, LOGGER, redactFormat, Retry, Scheduler, WebhookAlerts } from 'mendkit';
import { createTestKit, FakeClock, flakyHttpServer, type FlakyHttpServer, MemoryTransport, tempDir, type TestKit } from 'mendkit/testing';
import { SECRET_CORPUS, type SecretCase, textOf } from './support/secretCorpus';
import { assertNoLeaks, leaking, threeFormats } from './support/threeFormats';

/** An error a failing call throws for a case: the case in its message, its cause chain and an AggregateError. */
function errorCarrying(value: unknown): Error {
  const text = textOf(value);
  const inner = value instanceof Error ? value : new Error(text);
  const error = new Error(`request failed: ${text}`, { cause: new AggregateError([inner], `every attempt failed: ${text}`) });
  return Object.assign(error, { code: 'ECONNRESET', ...(typeof value === 'string' ? { url: value, path: value } : {}) });
}

class Exposed {
  @Logged({ result: true })
  async echo(label: string, value: unknown) {
    currentCall().logger.info('inside %s: %s %j', label, value, value, { value });
    return { label, value };
  }

  // `label` is logged with the arguments: it names the case in the lines.
  @Logged()
  @Retry({ attempts: 2, backoff: fixed(0) })
  async fail(_label: string, value: unknown): Promise<never> {
    throw errorCarrying(value);
  }

  @Logged()
  @Catch(errors.network, 'offline')
  @Retry({ attempts: 2, backoff: fixed(0) })
  async handled(_label: string, value: unknown): Promise<string> {
    throw errorCarrying(value);
  }

  offline() {
    return 'offline';
  }
}

/** A kit whose `LOGGER` is `logger`. */
function kitWith(logger: unknown): TestKit {
  const kit = createTestKit({ autoAdvance: true });
  kit.container.register(LOGGER, { useValue: logger as TestKit['logger'] });
  return kit;
}

/** The corpus in groups small enough to be fields of one line (objects keep 100 keys). */
function groups(size: number): SecretCase[][] {
  const out: SecretCase[][] = [];
  for (let i = 0; i < SECRET_CORPUS.length; i += size) out.push(SECRET_CORPUS.slice(i, i + size));
  return out;
}

function fieldsOf(cases: readonly SecretCase[], prefix: string): Record<string, unknown> {
  return Object.fromEntries(cases.map((c, i) => [`${prefix}${i}`, c.value]));
}

describe('redaction on every channel, in every format', () => {
  it(`has a corpus of ${SECRET_CORPUS.length} secret shapes, at least 100`, () => {
    assert.ok(SECRET_CORPUS.length >= 100, `${SECRET_CORPUS.length} cases`);
  });

  it('@Logged arguments and results, thrown errors and their causes, stage events, currentCall().logger and %s: 0 leaks', async () => {
    const formats = threeFormats();
    const kit = kitWith(formats.logger);
    try {
      const exposed = new Exposed();
      for (const { name, value } of SECRET_CORPUS) {
        await exposed.echo(name, value);
        await assert.rejects(exposed.fail(name, value));
        assert.equal(await exposed.handled(name, value), 'offline');
      }
    } finally {
      kit.dispose();
    }
    const json = formats.lines().json.map((line) => JSON.parse(line) as { event?: string });
    const events = new Set(json.map((line) => line.event));
    for (const event of ['call.start', 'call.success', 'call.failure', 'retry.scheduled', 'retry.exhausted', 'catch.handled']) {
      assert.ok(events.has(event), `${event} was written`);
    }
    assertNoLeaks(formats, SECRET_CORPUS.length * 10, 'stage lines');
  });

  it('direct logger lines, %s arguments, errors logged as lines and child loggers: 0 leaks', () => {
    const formats = threeFormats();
    const { logger } = formats;
    for (const { name, value } of SECRET_CORPUS) {
      const text = textOf(value);
      logger.info(name, { value, nested: { list: [value] } });
      logger.warn(text);
      logger.error(errorCarrying(value));
      logger.error('failed', errorCarrying(value));
      logger.log({ level: 'info', message: `one object: ${text}`, value });
      logger.info('splat %s | %o | %j | %d', value, value, value, 7, { extra: value });
      logger.info(`${text} %s`, text);
      logger.child({ value }).info('from a child');
    }
    assertNoLeaks(formats, SECRET_CORPUS.length * 8, 'direct lines');
  });

  it('fields a child logger or defaultMeta adds, on every line mendkit writes and on your own: 0 leaks', async () => {
    for (const cases of groups(40)) {
      const formats = threeFormats();
      formats.logger.defaultMeta = fieldsOf(cases, 'meta');
      const child = formats.logger.child(fieldsOf(cases, 'child'));
      const kit = kitWith(child);
      try {
        await assert.rejects(new Exposed().fail('plain', 'nothing secret'));
        child.info('a line of your own');
        child.info('with %s', 'an argument');
      } finally {
        kit.dispose();
      }
      const json = formats.lines().json.map((line) => JSON.parse(line) as Record<string, unknown>);
      const scheduled = json.find((line) => line.event === 'retry.scheduled');
      assert.ok(scheduled !== undefined && 'child0' in scheduled && 'meta0' in scheduled, 'mendkit lines carry the added fields');
      assertNoLeaks(formats, 6, 'child and defaultMeta fields');
    }
  });

  describe('alerts, at a real webhook', () => {
    const bodies: string[] = [];
    let server: FlakyHttpServer;
    before(async () => {
      server = await flakyHttpServer([
        (req: IncomingMessage, res: ServerResponse) => {
          const chunks: Buffer[] = [];
          req.on('data', (chunk: Buffer) => chunks.push(chunk));
          req.on('end', () => {
            bodies.push(Buffer.concat(chunks).toString('utf8'));
            res.writeHead(200).end('ok');
          });
        },
      ]);
    });
    after(() => server.close());

    it('critical lines, stage events and final job failures, from mendkit loggers and from your own: 0 leaks', async () => {
      const clock = new FakeClock({ autoAdvance: true });
      const every = ['call.failure', 'retry.exhausted', 'job.failed'];
      const sinks = [
        new WebhookAlerts({ url: server.url, clock, events: every }),
        new WebhookAlerts({ url: server.url, clock, events: every, format: 'slack' }),
      ];
      const own = new WebhookAlerts({ url: server.url, clock });
      const formats = threeFormats();
      for (const sink of sinks) formats.logger.add(sink);
      const yours = createWinstonLogger({ transports: [own, new transports.Console({ silent: true })] });
      const kit = kitWith(formats.logger);
      try {
        for (const [i, { value }] of SECRET_CORPUS.entries()) {
          const text = textOf(value);
          // A code of its own per case, so none is held back as a repeat.
          formats.logger.critical(`case ${i}: ${text}`, { code: `C${i}`, value });
          yours.log('error', `case ${i}: ${text}`, { event: 'job.failed', code: `C${i}`, job: text, value, error: errorCarrying(value) });
          await assert.rejects(new Exposed().fail(`case ${i}`, value));
          // Past the quiet period: the next case's stage events are not held back as repeats.
          await clock.advance(600_001);
        }
      } finally {
        kit.dispose();
      }
      for (const sink of [...sinks, own]) await sink.flush();
      assert.ok(bodies.length >= SECRET_CORPUS.length * 7, `${bodies.length} alerts delivered`);
      assert.deepEqual(leaking(bodies), []);
    });
  });

  it('run records (runs.jsonl) and the scheduler lines of failed runs: 0 leaks', async () => {
    const dir = tempDir('redaction-runs');
    const formats = threeFormats();
    const kit = kitWith(formats.logger);
    try {
      const jobs = SECRET_CORPUS.map(({ value }, i) => {
        @Job({ name: `leaky-${i}`, every: '1h' })
        class Leaky {
          async run(): Promise<void> {
            throw errorCarrying(value);
          }
        }
        return Leaky;
      });
      const history = new FileRunHistory(dir.path);
      const scheduler = new Scheduler({ jobs, history });
      for (let i = 0; i < jobs.length; i++) assert.equal((await scheduler.runNow(`leaky-${i}`)).outcome, 'failed');
      const records = readFileSync(history.file, 'utf8').trim().split('\n');
      assert.equal(records.length, SECRET_CORPUS.length);
      assert.deepEqual(leaking(records), []);
      assertNoLeaks(formats, SECRET_CORPUS.length * 2, 'scheduler lines');
    } finally {
      kit.dispose();
      dir.remove();
    }
  });
});

describe('redactFormat(): a winston logger of your own', () => {
  it('redacts your lines, %s arguments, defaultMeta and child fields, with your extra keys', () => {
    const memory = new MemoryTransport();
    const logger = createWinstonLogger({
      format: format.combine(redactFormat({ keys: ['pin'] }), format.json()),
      defaultMeta: { service: 'sync', dbUrl: 'postgres://app:s3cret@db/x' },
      transports: [memory],
    });
    logger.child({ apiKey: 'k-123' }).info('login with password %s', 'hunter2', { pin: '1234', note: '{"token":"abc"}' });
    const [line] = memory.json();
    const text = JSON.stringify(line);
    for (const secret of ['s3cret', 'k-123', 'hunter2', '1234', 'abc']) assert.doesNotMatch(text, new RegExp(secret), `${secret} leaked: ${text}`);
    assert.equal(line?.message, 'login with password [REDACTED]');
    assert.equal(line?.service, 'sync');
  });
});
