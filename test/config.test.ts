import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Catch, ConfigError, configure, exponential, Retry, type RetryOptions, Timeout } from 'mendkit';

function defineWithRetry(options: RetryOptions) {
  class ReportSync {
    @Retry(options)
    async run() {}
  }
  return ReportSync;
}

function refused(pattern: RegExp) {
  return (error: unknown) => error instanceof ConfigError && error.code === 'MENDKIT_CONFIG' && pattern.test(error.message);
}

describe('bad configuration is refused when the class is defined, naming class, method and field', () => {
  it('attempts below 1 or not an integer', () => {
    assert.throws(() => defineWithRetry({ attempts: 0 }), refused(/^@Retry on ReportSync\.run: `attempts` must be an integer ≥ 1, got 0$/));
    assert.throws(() => defineWithRetry({ attempts: 2.5 }), refused(/`attempts` must be an integer ≥ 1, got 2\.5/));
    assert.throws(() => defineWithRetry({ attempts: '3' as unknown as number }), refused(/`attempts` must be an integer ≥ 1, got "3"/));
  });

  it('negative or NaN delays', () => {
    assert.throws(() => defineWithRetry({ maxDelay: -1 }), refused(/@Retry on ReportSync\.run: `maxDelay` must be a finite number ≥ 0, got -1/));
    assert.throws(() => defineWithRetry({ maxElapsedMs: Number.NaN }), refused(/`maxElapsedMs` must be a finite number ≥ 0, got NaN/));
    assert.throws(() => defineWithRetry({ backoff: exponential({ min: -3 }) }), refused(/exponential\(\): `min` must be a finite number ≥ 0, got -3/));
  });

  it('min > max', () => {
    assert.throws(() => defineWithRetry({ backoff: exponential({ min: 10_000, max: 4000 }) }), refused(/`min` \(10000\) is greater than `max` \(4000\)/));
  });

  it('unknown option keys, with the closest known one', () => {
    assert.throws(
      () => defineWithRetry({ attemps: 5 } as RetryOptions),
      refused(/^@Retry on ReportSync\.run: unknown option `attemps` \(did you mean `attempts`\?\); known options: attempts, maxElapsedMs/),
    );
    assert.throws(() => {
      class A {
        @Catch('ENOENT', () => null, { brod: true } as object)
        async run() {}
      }
      return A;
    }, refused(/@Catch on A\.run: unknown option `brod` \(did you mean `broad`\?\)/));
    assert.throws(() => configure({ asyncContex: true } as object), refused(/configure\(\): unknown option `asyncContex`/));
  });

  it('options of the wrong type', () => {
    assert.throws(() => defineWithRetry('fast' as unknown as RetryOptions), refused(/options must be an object, got "fast"/));
    assert.throws(() => defineWithRetry({ retryIf: true as unknown as () => boolean }), refused(/`retryIf` must be a function/));
    assert.throws(() => defineWithRetry({ on: {} as never }), refused(/@Retry on ReportSync\.run: `on`: \[object Object\] is not an error matcher/));
  });

  it('the same single-use decorator twice', () => {
    assert.throws(() => {
      class A {
        @Retry()
        @Retry()
        async run() {}
      }
      return A;
    }, refused(/@Retry on A\.run: this decorator may appear only once on a method/));
  });

  it('a decorator on an accessor', () => {
    assert.throws(() => {
      class A {
        @Timeout(5)
        get value() {
          return Promise.resolve(1);
        }
      }
      return A;
    }, refused(/@Timeout on A\.value: mendkit decorators go on methods/));
  });

  it('a program on legacy decorators that did not import reflect-metadata first gets told what to add', () => {
    const entry = path.join(__dirname, '..', 'src', 'index.js');
    // Loading mendkit works (it loads reflect-metadata for tsyringe); the first legacy decorator refuses.
    const program =
      `const { Retry } = require(${JSON.stringify(entry)});` +
      "class A { async run() {} } Retry()(A.prototype, 'run', Object.getOwnPropertyDescriptor(A.prototype, 'run'));";
    const child = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8' });
    assert.notEqual(child.status, 0);
    assert.match(child.stderr, /ConfigError: mendkit needs reflect-metadata: add `import "reflect-metadata";` as the first line/);
  });
});
