import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../src/errors/ConfigError';
import { createLogger } from '../src/logging/createLogger';
import { ECS_VERSION } from '../src/logging/ecsLine';
import { logEvent } from '../src/call/logEvent';
import { prettyLine } from '../src/logging/prettyLine';
import { MemoryTransport } from '../src/testing/MemoryTransport';
import { methodInfo } from './support/methodInfo';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LINE = Symbol.for('message');

function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const memory = new MemoryTransport();
  const logger = createLogger({ console: false, transports: [memory], ...options });
  return { memory, logger };
}

describe('createLogger', () => {
  it('writes JSON lines: timestamp, level, message, event, component, correlation id, then the fields', () => {
    const { memory, logger } = capture();
    logEvent(methodInfo(logger), 'warn', 'retry.scheduled', 'Exporter.run attempt 1 failed', {
      correlationId: 'c-1',
      attempt: 1,
      delayMs: 250,
    });
    const [line] = memory.json();
    assert.match(String(line?.timestamp), ISO);
    assert.deepEqual({ ...line, timestamp: 'T' }, {
      timestamp: 'T',
      level: 'warn',
      message: 'Exporter.run attempt 1 failed',
      event: 'retry.scheduled',
      component: 'Exporter.run',
      correlationId: 'c-1',
      attempt: 1,
      delayMs: 250,
    });
    assert.deepEqual(Object.keys(line!).slice(0, 6), ['timestamp', 'level', 'message', 'event', 'component', 'correlationId']);
  });

  it('has a critical level above error, and keeps winston ordering', () => {
    const { memory, logger } = capture({ level: 'error' });
    logger.critical('disk full', { path: '/var/data' });
    logger.error('failed');
    logger.warn('not written');
    assert.deepEqual(memory.json().map((line) => line.level), ['critical', 'error']);
    assert.equal(logger.isLevelEnabled('critical'), true);
    assert.equal(logger.isLevelEnabled('warn'), false);
  });

  it('writes at info by default, not debug', () => {
    const { memory, logger } = capture();
    logger.debug('hidden');
    logger.info('shown');
    assert.deepEqual(memory.json().map((line) => line.message), ['shown']);
  });

  it('writes ECS lines for ELK when asked', () => {
    const { memory, logger } = capture({ schema: 'ecs' });
    const error = Object.assign(new Error('refused', { cause: new Error('inner') }), { code: 'ECONNREFUSED' });
    logEvent(methodInfo(logger), 'error', 'call.failure', 'Exporter.run failed', {
      correlationId: 'c-2',
      durationMs: 12,
      error,
      attempt: 3,
    });
    const [line] = memory.json();
    assert.match(String(line?.['@timestamp']), ISO);
    assert.equal(line?.['log.level'], 'error');
    assert.equal(line?.message, 'Exporter.run failed');
    assert.equal(line?.['ecs.version'], ECS_VERSION);
    assert.deepEqual(line?.log, { logger: 'Exporter.run' });
    assert.deepEqual(line?.event, { action: 'call.failure', duration: 12_000_000 });
    assert.deepEqual(line?.labels, { correlation_id: 'c-2' });
    assert.deepEqual(line?.mendkit, { attempt: 3 });
    const ecsError = line?.error as Record<string, unknown>;
    assert.equal(ecsError.type, 'Error');
    assert.equal(ecsError.message, 'refused');
    assert.equal(ecsError.code, 'ECONNREFUSED');
    assert.match(String(ecsError.stack_trace), /^Error: refused\n/);
    assert.equal((ecsError.cause as Record<string, unknown>).message, 'inner');
  });

  it('turns an Error logged as the line itself into an `error` field', () => {
    const { memory, logger } = capture();
    logger.error(Object.assign(new Error('boom'), { code: 'EBOOM' }));
    const [line] = memory.json();
    assert.equal(line?.message, 'boom');
    assert.equal((line?.error as Record<string, unknown>).code, 'EBOOM');
  });

  it('writes readable lines for people, coloured only when asked', () => {
    const plain = prettyLine({ colors: false });
    const info = {
      level: 'warn',
      message: 'A.b attempt 1 failed',
      timestamp: '2026-11-25T11:20:51.123Z',
      component: 'A.b',
      correlationId: '70a36ded-81a1-4118-a75e-22b4ca9a1b7c',
      event: 'retry.scheduled',
      attempt: 1,
      error: { name: 'Error', message: 'read ECONNRESET', stack: 'Error: read ECONNRESET\n    at x' },
    };
    const out = plain.transform({ ...info }) as unknown as Record<symbol, string>;
    assert.equal(out[LINE], '11:20:51.123 warn     [70a36ded] A.b attempt 1 failed  event=retry.scheduled attempt=1 error="read ECONNRESET"');
    const failed = plain.transform({ ...info, level: 'error', component: 'A', message: 'failed' }) as unknown as Record<symbol, string>;
    assert.equal(failed[LINE], '11:20:51.123 error    [70a36ded] A: failed  event=retry.scheduled attempt=1\n    Error: read ECONNRESET\n        at x');
    const coloured = prettyLine({ colors: true }).transform({ ...info }) as unknown as Record<symbol, string>;
    assert.match(coloured[LINE]!, /\u001b\[33mwarn/);
  });

  it('refuses unknown options and bad values with ConfigError', () => {
    assert.throws(() => createLogger({ levle: 'info' } as never), (e: unknown) => e instanceof ConfigError && /unknown option `levle` \(did you mean `level`\?\)/.test(e.message));
    assert.throws(() => createLogger({ level: 'fatal' } as never), /`level` must be one of/);
    assert.throws(() => createLogger({ console: 'colour' } as never), /`console` must be one of/);
    assert.throws(() => createLogger({ schema: 'gelf' } as never), /`schema` must be one of/);
    assert.throws(() => createLogger({ file: '' }), /`file` must be a non-empty path/);
    assert.throws(() => createLogger({ redact: { key: ['x'] } } as never), /unknown option `key`/);
    assert.throws(() => createLogger({ redact: { paths: [1] } } as never), /redact.paths/);
    assert.throws(() => createLogger({ transports: [{}] } as never), /`transports` must be an array of winston transports/);
  });
});
