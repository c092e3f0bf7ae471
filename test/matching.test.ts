import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, errors, HttpError, isTransient, RetryExhaustedError, TimeoutError } from 'mendkit';
import { isBroad, toMatcher } from '../src/matching/ErrorMatcher';
import { systemError } from './support/failing';

const fetchFailed = (code: string) => new TypeError('fetch failed', { cause: systemError(code) });

describe('error matchers', () => {
  it('match by class, code, status, message and predicate, walking the cause chain', () => {
    const wrapped = new Error('sync failed', { cause: fetchFailed('ECONNRESET') });
    assert.ok(toMatcher(TypeError).matches(wrapped));
    assert.ok(!toMatcher(RangeError).matches(wrapped));
    assert.ok(toMatcher('ECONNRESET').matches(wrapped));
    assert.ok(!toMatcher('ENOENT').matches(wrapped));
    assert.ok(toMatcher(/fetch failed/).matches(wrapped));
    assert.ok(toMatcher((e) => (e as { code?: string }).code === 'ECONNRESET').matches(wrapped));
    assert.ok(toMatcher(['ENOENT', TypeError]).matches(new TypeError('x')));
  });

  it('read HTTP status from status, statusCode and response.status', () => {
    const matcher = toMatcher(503);
    assert.ok(matcher.matches(new HttpError({ status: 503 })));
    assert.ok(matcher.matches(Object.assign(new Error('axios-like'), { response: { status: 503 } })));
    assert.ok(matcher.matches(Object.assign(new Error('got-like'), { statusCode: 503 })));
    assert.ok(matcher.matches(new Error('wrapped', { cause: new HttpError({ status: 503 }) })));
    assert.ok(!matcher.matches(new HttpError({ status: 500 })));
    assert.ok(errors.http(401, 403).matches(new HttpError({ status: 403 })));
    assert.ok(errors.http().matches(new HttpError({ status: 418 })));
    assert.ok(!errors.http().matches(new Error('no status')));
  });

  it('named matchers', () => {
    assert.ok(errors.fileNotFound.matches(systemError('ENOENT')));
    assert.ok(errors.permissionDenied.matches(systemError('EACCES')));
    assert.ok(errors.permissionDenied.matches(systemError('EPERM')));
    assert.ok(errors.noSpace.matches(systemError('ENOSPC')));
    assert.ok(errors.network.matches(fetchFailed('ENOTFOUND')));
    assert.ok(errors.network.matches(fetchFailed('UND_ERR_SOCKET')));
    assert.ok(!errors.network.matches(systemError('ENOENT')));
    assert.ok(errors.timeout.matches(new TimeoutError('A.b', 5)));
    assert.ok(errors.timeout.matches(new DOMException('The operation was aborted due to timeout', 'TimeoutError')));
    assert.ok(errors.timeout.matches(systemError('ETIMEDOUT')));
    assert.ok(errors.code('EBUSY', 'ETXTBSY').matches(systemError('ETXTBSY')));
    assert.ok(errors.anyOf('ENOENT', 404).matches(new HttpError({ status: 404 })));
  });

  it('stop at a bounded depth and survive cause cycles', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    assert.ok(!toMatcher('ENOENT').matches(a));
    let deep: Error = systemError('ECONNRESET');
    for (let i = 0; i < 50; i++) deep = new Error(`level ${i}`, { cause: deep });
    assert.ok(!toMatcher('ECONNRESET').matches(deep));
  });

  it('refuse what is not a matcher', () => {
    assert.throws(() => toMatcher({} as never, '@Retry on A.b: `on`'), (error: unknown) =>
      error instanceof ConfigError && /@Retry on A\.b: `on`: \[object Object\] is not an error matcher/.test(error.message),
    );
  });

  it('tell broad matchers (that match every error) from specific ones', () => {
    assert.ok(isBroad(toMatcher(Error)));
    assert.ok(isBroad(toMatcher(() => true)));
    assert.ok(isBroad(toMatcher(/.*/)));
    assert.ok(isBroad(toMatcher((e) => e instanceof Error)));
    assert.ok(!isBroad(toMatcher(TypeError)));
    assert.ok(!isBroad(errors.permissionDenied));
    assert.ok(!isBroad(errors.transient));
  });
});

describe('the transient classifier (errors.transient)', () => {
  it('retries network codes, undici socket errors, busy resources, 408/429/5xx and timeouts', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'EBUSY', 'EAGAIN']) {
      assert.ok(isTransient(fetchFailed(code)), code);
    }
    for (const status of [408, 429, 500, 502, 503, 504]) assert.ok(isTransient(new HttpError({ status })), String(status));
    assert.ok(isTransient(new TimeoutError('A.b', 10)));
    assert.ok(isTransient(new DOMException('timed out', 'TimeoutError')));
    assert.ok(errors.transient.matches(fetchFailed('ECONNRESET')));
  });

  it('never retries programmer errors, permanent statuses, aborts or ConfigError', () => {
    assert.ok(!isTransient(new TypeError("Cannot read properties of undefined (reading 'x')")));
    assert.ok(!isTransient(new ReferenceError('x is not defined')));
    assert.ok(!isTransient(new SyntaxError('Unexpected token < in JSON')));
    assert.ok(!isTransient(new RangeError('Invalid array length')));
    for (const status of [400, 401, 403, 404, 409, 422]) assert.ok(!isTransient(new HttpError({ status })), String(status));
    assert.ok(!isTransient(systemError('ENOENT')));
    assert.ok(!isTransient(systemError('EACCES')));
    assert.ok(!isTransient(fetchFailed('ENOTFOUND')));
    assert.ok(!isTransient(new DOMException('aborted', 'AbortError')));
    assert.ok(!isTransient(new ConfigError('bad', { cause: systemError('ECONNRESET') })));
    assert.ok(!isTransient(Object.assign(systemError('ECONNRESET'), { cause: new ConfigError('bad') })), 'a ConfigError deeper in the chain wins too');
    assert.ok(!isTransient('a string'));
    assert.ok(!isTransient(undefined));
  });

  it('answers for a code alone, not for the codes it was asked about before', () => {
    const sameCodeBuiltAnew = ['ECONN', 'RESET'].join('');
    assert.ok(isTransient(systemError('ECONNRESET')));
    assert.ok(!isTransient(systemError('ECONNRESET_')));
    assert.ok(!isTransient(systemError('ENOENT')));
    assert.ok(isTransient(systemError(sameCodeBuiltAnew)));
    assert.ok(isTransient(systemError('EPIPE')));
    assert.ok(!isTransient(systemError('ECONNRESET'.toLowerCase())));
  });

  it('sees through RetryExhaustedError to its cause', () => {
    const exhausted = new RetryExhaustedError('A.b', 3, [], 'attempts', systemError('ECONNRESET'));
    assert.ok(isTransient(exhausted));
  });
});
