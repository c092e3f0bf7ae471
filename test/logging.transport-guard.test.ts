import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger as createWinstonLogger } from 'winston';
import TransportStream from 'winston-transport';
import { createLogger } from '../src/logging/createLogger';
import { TransportGuard, WAITING_LIMIT } from '../src/logging/TransportGuard';
import { MemoryTransport } from '../src/testing/MemoryTransport';

/** A transport that takes a line and never calls back: a hung network, a full pipe. */
class StalledTransport extends TransportStream {
  taken = 0;
  release: (() => void)[] = [];
  override log(_info: object, next: () => void): void {
    this.taken++;
    this.release.push(next);
  }
}

/** A transport whose every write fails. */
class FailingTransport extends TransportStream {
  override log(_info: object, next: (error?: Error) => void): void {
    next(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  }
}

/** Runs `fn` with stderr captured (mendkit's notices), and returns what was written. */
function capturingStderr(fn: () => void): string[] {
  const written: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = original;
  }
  return written;
}

describe('transports of yours', () => {
  it('a stalled transport does not hold up the others', () => {
    const stalled = new StalledTransport();
    const memory = new MemoryTransport();
    const stderr = capturingStderr(() => {
      const logger = createLogger({ console: false, transports: [stalled, memory] });
      for (let seq = 0; seq < 3 * WAITING_LIMIT; seq++) logger.info(`line ${seq}`, { seq });
    });
    assert.equal(memory.entries.length, 3 * WAITING_LIMIT, 'every line reached the healthy transport');
    assert.equal(stalled.taken, 1, 'the stalled transport was given its first line and hung');
    assert.deepEqual(stderr, [`mendkit: the log transport StalledTransport is not keeping up (${WAITING_LIMIT} lines waiting); dropping its lines until it catches up\n`]);
  });

  it('says how many lines a stalled transport lost once it catches up, then hands it lines again', () => {
    const stalled = new StalledTransport();
    const said: string[] = [];
    const logger = createWinstonLogger({ transports: [new TransportGuard(stalled, (text) => said.push(text))] });
    for (let seq = 0; seq < WAITING_LIMIT + 50; seq++) logger.info(`line ${seq}`);
    while (stalled.release.length > 0) stalled.release.shift()!();
    logger.info('after');
    assert.equal(said.length, 2);
    assert.match(said[1]!, /^the log transport StalledTransport caught up; \d+ lines were dropped meanwhile$/);
    const dropped = Number(/caught up; (\d+) lines/.exec(said[1]!)![1]);
    assert.equal(stalled.taken + dropped, WAITING_LIMIT + 51, 'every line was either handed on or counted as dropped');
  });

  it('a transport that errors neither stops the others nor ends the process, and is said once', () => {
    const memory = new MemoryTransport();
    const stderr = capturingStderr(() => {
      const logger = createLogger({ console: false, transports: [new FailingTransport(), memory] });
      for (let seq = 0; seq < 100; seq++) logger.info(`line ${seq}`);
    });
    assert.equal(memory.entries.length, 100);
    assert.deepEqual(stderr, ['mendkit: the log transport FailingTransport failed (socket hang up); the other transports go on\n']);
  });

  it('keeps the transport’s own level, format and exception handling', () => {
    const memory = new MemoryTransport({ level: 'warn' });
    const logger = createLogger({ level: 'debug', console: false, transports: [memory] });
    logger.info('not for this transport');
    logger.warn('for it', { event: 'x' });
    assert.deepEqual(memory.json().map((line) => line.message), ['for it']);
  });

  it('logger.add() guards a transport added later, and logger.remove() takes out the one you gave', () => {
    const memory = new MemoryTransport();
    const logger = createLogger({ console: false, transports: [memory] });
    const stalled = new StalledTransport();
    const later = new MemoryTransport();
    capturingStderr(() => {
      logger.add(stalled);
      logger.add(later);
      for (let seq = 0; seq < 2 * WAITING_LIMIT; seq++) logger.info(`line ${seq}`);
    });
    assert.equal(memory.entries.length, 2 * WAITING_LIMIT, 'the stalled transport added later held nothing up');
    assert.equal(later.entries.length, 2 * WAITING_LIMIT);
    assert.equal(later.json()[0]?.message, 'line 0', 'JSON lines, as for transports given at creation');
    logger.remove(memory);
    logger.info('after remove');
    assert.equal(memory.entries.length, 2 * WAITING_LIMIT, 'the removed transport gets no more lines');
    assert.equal(later.entries.length, 2 * WAITING_LIMIT + 1);
    assert.equal(logger.transports.filter((transport) => transport instanceof TransportGuard).length, 2);
  });
});
