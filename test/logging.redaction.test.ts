import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger as createWinstonLogger, format } from 'winston';
import { createLogger } from '../src/logging/createLogger';
import { logEvent } from '../src/call/logEvent';
import { Redactor } from '../src/logging/Redactor';
import { MemoryTransport } from '../src/testing/MemoryTransport';
import { methodInfo } from './support/methodInfo';
import { SECRET_CORPUS } from './support/secretCorpus';

const LINE = Symbol.for('message');

function written(memory: MemoryTransport): string {
  return memory.entries.map((entry) => String((entry as unknown as Record<symbol, unknown>)[LINE])).join('\n');
}

describe('redaction', () => {
  it('has a corpus of at least 30 secret shapes', () => {
    assert.ok(SECRET_CORPUS.length >= 30, `${SECRET_CORPUS.length} cases`);
  });

  it('leaks none of them through mendkit lines of a createLogger logger', () => {
    const memory = new MemoryTransport();
    const logger = createLogger({ level: 'debug', console: false, transports: [memory] });
    for (const { name, value } of SECRET_CORPUS) {
      logEvent(methodInfo(logger), 'warn', 'test.secret', typeof value === 'string' ? value : name, { value, items: [value] });
    }
    assert.equal(memory.entries.length, SECRET_CORPUS.length);
    const text = written(memory);
    assert.equal(text.match(/LEAK[^"\\\s,]*/g), null);
    assert.match(text, /\[REDACTED\]/);
  });

  it('leaks none of them when the user registers their own winston logger', () => {
    const memory = new MemoryTransport({ format: format.json() });
    const logger = createWinstonLogger({ level: 'info', transports: [memory] });
    for (const { name, value } of SECRET_CORPUS) {
      logEvent(methodInfo(logger), 'error', 'test.secret', typeof value === 'string' ? value : name, { value });
    }
    assert.equal(memory.entries.length, SECRET_CORPUS.length);
    assert.equal(written(memory).match(/LEAK[^"\\\s,]*/g), null);
  });

  it("leaks none of them through the user's own lines on a createLogger logger", () => {
    const memory = new MemoryTransport();
    const logger = createLogger({ console: false, transports: [memory] });
    for (const { value } of SECRET_CORPUS) {
      logger.info(typeof value === 'string' ? value : 'a value', { value });
      logger.warn('nested', { deep: { list: [value] } });
    }
    assert.equal(written(memory).match(/LEAK[^"\\\s,]*/g), null);
  });

  it('keeps what is not secret', () => {
    const redactor = new Redactor();
    assert.deepEqual(redactor.clean({ user: 'bob', host: 'db', port: 5432, key: 'reports/2026/daily.csv', author: 'ann' }), {
      user: 'bob',
      host: 'db',
      port: 5432,
      key: 'reports/2026/daily.csv',
      author: 'ann',
    });
    assert.equal(redactor.clean('postgres://app:pw@db:5432/test'), 'postgres://app:[REDACTED]@db:5432/test');
    assert.equal(redactor.clean('https://x.test/r?id=7&token=abc&page=2'), 'https://x.test/r?id=7&token=[REDACTED]&page=2');
    assert.equal(redactor.clean('Authorization: Bearer abc.def'), 'Authorization: [REDACTED] [REDACTED]');
    assert.equal(redactor.clean('retrying in 100 ms (ECONNRESET: read)'), 'retrying in 100 ms (ECONNRESET: read)');
  });

  it('matches secret keys in any case and separator', () => {
    const redactor = new Redactor();
    const keys = ['PASSWORD', 'Pass-Word', 'pass_word', 'apiKey', 'API_KEY', 'api-key', 'x_Api_Key', 'AUTHORIZATION', 'Proxy-Authorization', 'privateKey', 'Set-Cookie', 'CREDENTIALS'];
    for (const key of keys) assert.deepEqual(redactor.clean({ [key]: 'x' }), { [key]: '[REDACTED]' }, key);
  });

  it('redacts configured extra keys and paths, and only those paths', () => {
    const redactor = new Redactor({ keys: ['ssn'], paths: ['args.user.email', 'args.*.phone'] });
    const fields = redactor.fields({
      args: { user: { email: 'a@b.c', name: 'Ann', customer_SSN: '123' }, other: { phone: '555', email: 'kept@x.y' } },
    });
    assert.deepEqual(fields, {
      args: {
        user: { email: '[REDACTED]', name: 'Ann', customer_SSN: '[REDACTED]' },
        other: { phone: '[REDACTED]', email: 'kept@x.y' },
      },
    });
  });

  it('uses the redaction configured on createLogger for mendkit lines too', () => {
    const memory = new MemoryTransport();
    const logger = createLogger({ console: false, transports: [memory], redact: { keys: ['iban'] } });
    logEvent(methodInfo(logger), 'info', 'test.iban', 'paying', { account: { iban: 'DE89 3704' } });
    logger.child({ component: 'Child' }).info('paying', { iban: 'DE89 3704' });
    assert.deepEqual(memory.json().map((line) => line.account ?? line.iban), [{ iban: '[REDACTED]' }, '[REDACTED]']);
  });
});
