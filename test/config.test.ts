import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Catch, CircuitBreaker, ConfigError, configure, EnsureDirectory, errors, exponential, Heal, Retry, type RetryOptions, Timeout } from 'mendkit';

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

  it('@Timeout(undefined), as @Timeout(config.timeoutMs) gives with the setting missing, is refused naming the field', () => {
    const config: { timeoutMs?: number } = {};
    assert.throws(() => {
      class A {
        @Timeout(config.timeoutMs as number)
        async run() {}
      }
      return A;
    }, refused(/^@Timeout on A\.run: `ms` is required \(a number of milliseconds > 0\), got undefined/));
  });

  it('values that are no matcher, wherever a matcher is accepted', () => {
    const bad: [unknown, RegExp][] = [
      [42.5, /42\.5 is not an error matcher: a number matches an HTTP status, an integer from 100 to 599/],
      [42, /42 is not an error matcher: a number matches an HTTP status/],
      [Number.NaN, /NaN is not an error matcher/],
      ['', /"" is not an error matcher: a string matches an error code/],
      ['connection refused', /"connection refused" is not an error matcher: .*match a message with a RegExp/],
      [class NotAnError {}, /NotAnError is not an error matcher: a class must extend Error/],
      [async () => true, /is not an error matcher: a predicate must return a boolean at once/],
      [[], /\[\] is not an error matcher|is not an error matcher: an empty list matches nothing/],
      [['ENOENT', 1.5], /1\.5 is not an error matcher/],
      [true, /true is not an error matcher/],
      [null, /null is not an error matcher/],
    ];
    for (const [value, message] of bad) {
      const on = value as never;
      assert.throws(() => defineWithRetry({ on }), refused(new RegExp(`@Retry on ReportSync\\.run: \`on\`: .*${message.source}`)), String(value));
      assert.throws(() => defineWithRetry({ unless: on }), refused(/`unless`: .*is not an error matcher/));
      assert.throws(() => {
        class A {
          @Catch(on, () => null)
          async run() {}
        }
        return A;
      }, refused(/@Catch on A\.run: matcher.*is not an error matcher|a matcher is required/));
      assert.throws(() => {
        class A {
          @Heal(EnsureDirectory, { on })
          async run() {}
        }
        return A;
      }, refused(/@Heal on A\.run: `on`: .*is not an error matcher/));
      assert.throws(() => {
        class A {
          @CircuitBreaker({ on })
          async run() {}
        }
        return A;
      }, refused(/`on`: .*is not an error matcher/));
    }
    assert.throws(() => errors.http(42.5), refused(/errors\.http\(\): 42\.5 is not an error matcher/));
    assert.throws(() => errors.http('503' as never), refused(/errors\.http\(\): expected a number, got 503/));
    assert.throws(() => errors.code(''), refused(/errors\.code\(\): "" is not an error matcher/));
    assert.throws(() => errors.message('timeout' as never), refused(/errors\.message\(\): expected a RegExp, got timeout/));
    assert.throws(() => errors.where('x' as never), refused(/errors\.where\(\): expected a function/));
    assert.throws(() => errors.anyOf(42.5), refused(/errors\.anyOf\(\): 42\.5 is not an error matcher/));
  });

  it('a global RegExp matcher matches every time, not every other time', () => {
    const matcher = errors.anyOf(/quota/g);
    const error = new Error('quota exceeded');
    assert.deepEqual([1, 2, 3].map(() => matcher.matches(error)), [true, true, true]);
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
