import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigError, Job, type JobClass, type JobContext, type JobOptions } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';

function define(options: JobOptions): void {
  @Job(options)
  class BackupJob {
    async run(_context: JobContext) {}
  }
  void BackupJob;
}

function refused(options: unknown, message: RegExp): void {
  assert.throws(() => define(options as JobOptions), (error: unknown) => error instanceof ConfigError && message.test(error.message));
}

describe('@Job', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit();
  });
  afterEach(() => kit.dispose());

  it('accepts each trigger with its options', () => {
    define({ name: 'a', cron: '0 3 * * *', timezone: 'Europe/Paris', catchUp: true, overlap: 'queue', runOnStart: true, timeoutMs: 1000 });
    define({ name: 'b', cron: '*/10 * * * * *' });
    define({ name: 'c', every: '5m' });
    define({ name: 'd', every: 250 });
    define({ name: 'e', watch: { path: '/tmp/inbox', debounceMs: 50 } });
    define({ name: 'f', watch: '/tmp/inbox' });
  });

  it('refuses an invalid cron expression, naming the job, its class and the expression', () => {
    refused({ name: 'nightly', cron: '61 3 * * *' }, /^@Job\('nightly'\) on BackupJob: invalid `cron` '61 3 \* \* \*': .*minute/);
  });

  it('refuses a 7-field expression (a year field) and one that never fires', () => {
    refused({ name: 'yearly', cron: '0 0 0 1 1 * 2030' }, /^@Job\('yearly'\) on BackupJob: invalid `cron` '0 0 0 1 1 \* 2030': a cron expression has 5 fields .* or 6 .*, this one has 7/);
    refused({ name: 'feb31', cron: '0 0 31 2 *' }, /^@Job\('feb31'\) on BackupJob: invalid `cron` '0 0 31 2 \*': it never fires/);
    refused({ name: 'feb30s', cron: '0 0 0 30 2 *' }, /it never fires/);
    refused({ name: 'four', cron: '0 3 * *' }, /this one has 4/);
    define({ name: 'leap', cron: '0 0 29 2 *' }); // rare, but it fires
    define({ name: 'nick', cron: '@daily' });
  });

  it('refuses a job name with a control character or a line break', () => {
    for (const name of ['nightly\nbackup', 'a\rb', 'tab\there', 'bell\u0007', 'del\u007f', 'sep\u2028x']) {
      refused({ name, every: '1h' }, /^@Job on BackupJob: `name` '[^\n\r\u2028]*\\u[0-9a-f]{4}[^\n\r\u2028]*' has a control character or line break/);
    }
  });

  it('refuses an unknown time zone', () => {
    refused({ name: 'nightly', cron: '0 3 * * *', timezone: 'Mars/Olympus' }, /'nightly'.*time zone 'Mars\/Olympus'/);
  });

  it('refuses two triggers, or none', () => {
    refused({ name: 'x', cron: '0 3 * * *', every: '1h' }, /@Job\('x'\) on BackupJob: a job needs exactly one trigger .* but has `cron` and `every`/);
    refused({ name: 'x' }, /exactly one trigger .* and has none/);
  });

  it('refuses an unknown key with a suggestion, and a missing name', () => {
    refused({ name: 'x', every: '1h', overlapp: 'skip' }, /@Job\('x'\) on BackupJob: unknown option `overlapp` \(did you mean `overlap`\?\)/);
    refused({ every: '1h' }, /^@Job on BackupJob: `name` is required/);
  });

  it('refuses bad values: overlap, every, timeoutMs, catchUp without cron', () => {
    refused({ name: 'x', every: '1h', overlap: 'parallel' }, /`overlap` must be one of "skip", "queue"/);
    refused({ name: 'x', every: 'soon' }, /`every` must be ms > 0 or a duration/);
    refused({ name: 'x', every: '1h', timeoutMs: -1 }, /`timeoutMs` must be a finite number > 0/);
    refused({ name: 'x', every: '1h', catchUp: true }, /`catchUp` applies to `cron` jobs only/);
    refused({ name: 'x', watch: { path: '' } }, /`watch` needs a `path`/);
  });

  it('refuses a class without run()', () => {
    class Lazy {
      async go() {}
    }
    // The type already refuses it; JavaScript users meet the ConfigError.
    assert.throws(() => Job({ name: 'lazy', every: '1h' })(Lazy as unknown as JobClass), /@Job\('lazy'\) on Lazy: the class needs an `async run\(context\)` method/);
  });
});
