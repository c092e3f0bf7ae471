import 'reflect-metadata';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import { ConfigError, createLogger, Job, LOGGER, Scheduler, WebhookAlerts } from 'mendkit';
import { FakeClock, type FlakyAnswer, flakyHttpServer, type FlakyHttpServer, MemoryRunHistory } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';

/** A webhook that answers `failures` times with 503, then 200, keeping every body it received. */
async function webhook(failures: number): Promise<{ server: FlakyHttpServer; bodies: Array<Record<string, unknown>> }> {
  const bodies: Array<Record<string, unknown>> = [];
  let seen = 0;
  const answer: FlakyAnswer = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen += 1;
      if (seen <= failures) {
        res.writeHead(503).end('busy');
        return;
      }
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200).end('ok');
    });
  };
  return { server: await flakyHttpServer([answer]), bodies };
}

function loggerWith(alerts: WebhookAlerts) {
  return createLogger({ level: 'debug', console: false, transports: [alerts] });
}

describe('WebhookAlerts', () => {
  const kit = useTestKit({ autoAdvance: true });
  let server: FlakyHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('delivers a critical line once, retrying a webhook that fails its first deliveries', async () => {
    const hook = await webhook(2);
    server = hook.server;
    const alerts = new WebhookAlerts({ url: server.url, clock: new FakeClock({ autoAdvance: true }) });
    loggerWith(alerts).log('critical', 'disk full on /var/data', { event: 'disk.full', component: 'Backup.run', code: 'ENOSPC' });
    await alerts.flush();
    assert.equal(server.requests, 3);
    assert.equal(hook.bodies.length, 1);
    assert.deepEqual(
      { source: hook.bodies[0]!.source, level: hook.bodies[0]!.level, event: hook.bodies[0]!.event, component: hook.bodies[0]!.component, code: hook.bodies[0]!.code, message: hook.bodies[0]!.message },
      { source: 'mendkit', level: 'critical', event: 'disk.full', component: 'Backup.run', code: 'ENOSPC', message: 'disk full on /var/data' },
    );
  });

  it('sends final job failures, and nothing for ordinary lines', async () => {
    const hook = await webhook(0);
    server = hook.server;
    const alerts = new WebhookAlerts({ url: server.url, clock: new FakeClock({ autoAdvance: true }) });
    const logger = loggerWith(alerts);
    logger.error('Sync.run attempt 1 failed', { event: 'retry.exhausted', component: 'Sync.run' });
    logger.warn('slow', { event: 'retry.scheduled' });
    logger.error('job nightly-backup: run failed: connect ECONNREFUSED', { event: 'job.failed', job: 'nightly-backup', code: 'ECONNREFUSED' });
    await alerts.flush();
    assert.deepEqual(hook.bodies.map((body) => [body.event, body.component]), [['job.failed', 'nightly-backup']]);
  });

  it('hears of a scheduled job that failed for good, end to end through the scheduler', async () => {
    const hook = await webhook(0);
    server = hook.server;
    const alerts = new WebhookAlerts({ url: server.url, clock: new FakeClock({ autoAdvance: true }) });
    kit.container.register(LOGGER, { useValue: createLogger({ level: 'info', console: false, transports: [alerts] }) });
    @Job({ name: 'nightly-export', every: '1h' })
    class NightlyExport {
      async run(): Promise<void> {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      }
    }
    const record = await new Scheduler({ jobs: [NightlyExport], history: new MemoryRunHistory() }).runNow('nightly-export');
    assert.equal(record.outcome, 'failed');
    await alerts.flush();
    assert.deepEqual(
      hook.bodies.map((body) => [body.event, body.component, body.code]),
      [['job.failed', 'nightly-export', 'ECONNREFUSED']],
    );
  });

  it('turns a burst of 100 identical failures into one alert, then one summary once quiet', async () => {
    const hook = await webhook(0);
    server = hook.server;
    const clock = new FakeClock();
    const alerts = new WebhookAlerts({ url: server.url, clock, quietMs: 60_000 });
    const logger = loggerWith(alerts);
    for (let i = 0; i < 100; i++) {
      logger.error('job sync: run failed', { event: 'job.failed', job: 'sync', code: 'HTTP_503' });
    }
    logger.error('job backup: run failed', { event: 'job.failed', job: 'backup', code: 'ENOSPC' });
    await alerts.delivered();
    assert.equal(hook.bodies.length, 2, 'the repeats are held back');
    await clock.advance(59_999);
    await alerts.delivered();
    assert.equal(hook.bodies.length, 2, 'not quiet long enough yet');
    await clock.advance(1);
    await alerts.delivered();
    assert.deepEqual(
      hook.bodies.map((body) => [body.event, body.component, (body.fields as Record<string, unknown>).repeats]),
      [
        ['job.failed', 'sync', undefined],
        ['job.failed', 'backup', undefined],
        ['alert.summary', 'sync', 99],
      ],
    );
    assert.match(String(hook.bodies[2]!.message), /^99 more "job\.failed" alert\(s\) from sync held back/);
  });

  it('never lets a secret into a delivered body', async () => {
    const hook = await webhook(0);
    server = hook.server;
    const alerts = new WebhookAlerts({ url: server.url, clock: new FakeClock({ autoAdvance: true }), format: 'slack' });
    const plain = new WebhookAlerts({ url: server.url, clock: new FakeClock({ autoAdvance: true }) });
    for (const transport of [alerts, plain]) {
      loggerWith(transport).log('critical', 'login to https://admin:hunter2-secret@db.internal failed with Bearer abc.def.ghi-token', {
        event: 'auth.failed',
        password: 'hunter2-secret',
        headers: { authorization: 'Bearer abc.def.ghi-token', cookie: 'session=s3cr3t-cookie' },
        url: 'https://api.test/v1?token=tok-123456&page=2',
      });
      await transport.flush();
    }
    assert.equal(hook.bodies.length, 2);
    const delivered = JSON.stringify(hook.bodies);
    for (const secret of ['hunter2-secret', 'abc.def.ghi-token', 's3cr3t-cookie', 'tok-123456']) {
      assert.ok(!delivered.includes(secret), `${secret} leaked`);
    }
    assert.match(String(hook.bodies[0]!.text), /^:rotating_light: \*CRITICAL\* `auth\.failed`/);
  });

  it('never blocks or fails the logger when the webhook is down', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }) => warnings.push(String(warning.code));
    process.on('warning', onWarning);
    try {
      const alerts = new WebhookAlerts({ url: 'http://127.0.0.1:9/', attempts: 2, clock: new FakeClock({ autoAdvance: true }) });
      const logger = loggerWith(alerts);
      assert.doesNotThrow(() => logger.log('critical', 'the webhook is down too', { event: 'x' }));
      await alerts.flush();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, ['MENDKIT_ALERT_UNDELIVERED']);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('refuses a URL that is not http(s), and unknown options', () => {
    assert.throws(() => new WebhookAlerts({ url: 'ftp://alerts.example/' }), (error: unknown) =>
      error instanceof ConfigError && /WebhookAlerts: `url` must be an http\(s\) URL, got "ftp:\/\/alerts\.example\/"/.test(error.message),
    );
    assert.throws(() => new WebhookAlerts({ url: 'https://hooks.example/x', quiet: 5 } as never), /unknown option `quiet` \(did you mean `quietMs`\?\)/);
  });
});
