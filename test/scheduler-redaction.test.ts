import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from 'winston';
import { createLogger as createMendkitLogger, Job, LOGGER, Scheduler } from 'mendkit';
import { MemoryRunHistory, MemoryTransport } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';

describe('scheduler lines and run records are redacted like every other line', () => {
  const kit = useTestKit();

  it('a failed run whose error quotes a credential logs job.started and job.failed without it, whatever logger is registered', async () => {
    // A plain winston logger, without mendkit's redaction format: the lines must come cleaned.
    const lines = new MemoryTransport();
    kit.container.register(LOGGER, { useValue: createLogger({ transports: [lines] }) });
    @Job({ name: 'leaky', every: '1h' })
    class Leaky {
      async run(): Promise<void> {
        throw Object.assign(new Error('cannot reach postgres://app:LEAK-1@127.0.0.1:5432/test?token=LEAK-2'), { code: 'ECONNREFUSED' });
      }
    }
    const scheduler = new Scheduler({ jobs: [Leaky], history: new MemoryRunHistory() });
    const record = await scheduler.runNow('leaky');
    assert.equal(record.outcome, 'failed');
    const [failed] = lines.events('job.failed');
    assert.equal(lines.events('job.started').length, 1);
    assert.deepEqual([failed?.job, failed?.code, failed?.level], ['leaky', 'ECONNREFUSED', 'error']);
    assert.match(String(failed?.message), /^job leaky: run failed: cannot reach postgres:\/\/app:/);
    assert.doesNotMatch(JSON.stringify(lines.entries), /LEAK/);
    assert.doesNotMatch(JSON.stringify(record), /LEAK/, 'the run history keeps no secret either');
    assert.match(String(record.error), /^cannot reach postgres:\/\/app:\[REDACTED\]@127\.0\.0\.1:5432\/test\?token=\[REDACTED\]$/);
  });
});

describe('run records are redacted with the registered logger’s own redact options', () => {
  const kit = useTestKit();

  it('hides a configured extra key in the recorded error and its code', async () => {
    kit.container.register(LOGGER, { useValue: createMendkitLogger({ console: false, transports: [new MemoryTransport()], redact: { keys: ['iban'] } }) });
    @Job({ name: 'iban-leak', every: '1h' })
    class IbanLeak {
      async run(): Promise<void> {
        throw Object.assign(new Error('refund to customer_iban=DE89-LEAK failed'), { code: 'iban=DE89-LEAK' });
      }
    }
    const record = await new Scheduler({ jobs: [IbanLeak], history: new MemoryRunHistory() }).runNow('iban-leak');
    assert.equal(record.error, 'refund to customer_iban=[REDACTED] failed');
    assert.equal(record.errorCode, 'iban=[REDACTED]');
  });
});
