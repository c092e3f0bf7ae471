import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger as createWinstonLogger, format } from 'winston';
import { fixed, Logged, LOGGER, Retry } from 'mendkit';
import { createTestKit } from 'mendkit/testing';
import { createLogger } from '../src/logging/createLogger';
import { logEvent } from '../src/call/logEvent';
import { MAX_STRING_LENGTH, Redactor } from '../src/logging/Redactor';
import { maybeSecret } from '../src/logging/secretShapes';
import { MemoryTransport } from '../src/testing/MemoryTransport';
import { methodInfo } from './support/methodInfo';
import { KEEP_CORPUS, SECRET_CORPUS } from './support/secretCorpus';
import { leaking } from './support/threeFormats';

const LINE = Symbol.for('message');

function written(memory: MemoryTransport): string[] {
  return memory.entries.map((entry) => String((entry as unknown as Record<symbol, unknown>)[LINE]));
}

/** Asserts that each text comes out of redaction as expected. */
function assertCleaned(redactor: Redactor, cases: readonly (readonly [string, string])[]): void {
  for (const [text, expected] of cases) assert.equal(redactor.clean(text), expected, text);
}

function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const memory = new MemoryTransport();
  return { memory, logger: createLogger({ level: 'debug', console: false, transports: [memory], ...options }) };
}

describe('redaction', () => {
  const redactor = new Redactor();

  it('leaves no part of any corpus secret, and cleaning twice changes nothing', () => {
    for (const { name, value } of SECRET_CORPUS) {
      const once = redactor.clean(value);
      assert.deepEqual(leaking([JSON.stringify(once)]), [], name);
      assert.deepEqual(redactor.clean(once), once, `${name}: cleaning a cleaned value changes nothing`);
    }
  });

  it('keeps every false-positive case exactly as it was: ids, hashes, base64 data, ports, prose', () => {
    for (const { name, value } of KEEP_CORPUS) assert.deepEqual(redactor.clean(value), value, name);
  });

  it('keeps them unchanged through a logger too, in mendkit lines and in your own', () => {
    const { memory, logger } = capture();
    for (const { value } of KEEP_CORPUS) {
      logEvent(methodInfo(logger), 'info', 'test.keep', typeof value === 'string' ? value : 'kept', { value });
      logger.info(typeof value === 'string' ? value : 'kept', { value });
    }
    const lines = memory.json();
    for (const [i, { name, value }] of KEEP_CORPUS.entries()) {
      for (const line of [lines[2 * i]!, lines[2 * i + 1]!]) {
        assert.deepEqual(line.value, value, name);
        if (typeof value === 'string') assert.equal(line.message, value, name);
      }
    }
  });

  it('replaces the whole password of a URL, whatever it holds, and keeps the user and host', () => {
    assertCleaned(redactor, [
      ['postgres://app:pw@db:5432/test', 'postgres://app:[REDACTED]@db:5432/test'],
      ['mongodb://app:ab/cd@db/x', 'mongodb://app:[REDACTED]@db/x'],
      ['amqp://app:x#y@mq', 'amqp://app:[REDACTED]@mq'],
      ['postgres://app:p@ss@db', 'postgres://app:[REDACTED]@db'],
      ['redis://:a+b@cache:6379', 'redis://:[REDACTED]@cache:6379'],
      ['{"dsn":"postgres://app:p\\"w@db"}', '{"dsn":"postgres://app:[REDACTED]@db"}'],
      ['https://db.internal:5432/x?email=bob@example.com', 'https://db.internal:5432/x?email=bob@example.com'],
    ]);
  });

  it('replaces the whole value under a secret name, past the delimiters inside it', () => {
    assertCleaned(redactor, [
      ['password=a,b user=x', 'password=[REDACTED] user=x'],
      ['{"password":"a\\"b","x":1}', '{"password":"[REDACTED]","x":1}'],
      ['password: correct horse battery staple\nnext line', 'password: [REDACTED]\nnext line'],
      ['https://x.test/r?id=7&token=abc&page=2', 'https://x.test/r?id=7&token=[REDACTED]&page=2'],
      ["Map(1) { 'x-api-key' => 'k' }", "Map(1) { 'x-api-key' => '[REDACTED]' }"],
      ['{"set-cookie":["sid=a","b=c"],"ok":1}', '{"set-cookie":[REDACTED],"ok":1}'],
      ['[["authorization","Bearer x"],["host","h"]]', '[["authorization","[REDACTED]"],["host","h"]]'],
      ['{"name":"X-Api-Key","value":"k"}', '{"name":"X-Api-Key","value":"[REDACTED]"}'],
      ['pg_dump --password hunter2 --host db', 'pg_dump --password [REDACTED] --host db'],
      ['<password>x</password>', '<password>[REDACTED]</password>'],
      ['"pin":1234,"token":5678,"x":1', '"pin":1234,"token":[REDACTED],"x":1'],
    ]);
  });

  it('replaces authorization credentials in any case, and leaves the words alone in prose', () => {
    assertCleaned(redactor, [
      ['Authorization: Bearer abc.def', 'Authorization: [REDACTED]'],
      ['authorization: basic dXNlcjpwYXNz', 'authorization: [REDACTED]'],
      ['authorization: token abc', 'authorization: [REDACTED]'],
      ['authorization: digest username="u", response="r"', 'authorization: [REDACTED]'],
      ['sent BEARER abc-123', 'sent BEARER [REDACTED]'],
      ['Digest username="u", realm="r", response="x"', 'Digest [REDACTED]'],
      ['basic authentication failed; token expired; bearer token missing', 'basic authentication failed; token expired; bearer token missing'],
    ]);
  });

  it('replaces provider credentials by their format alone, whatever key (or none) they stand under', () => {
    const tokens = [
      `ghp_${'a1'.repeat(18)}`,
      `github_pat_${'A1b2'.repeat(6)}_${'x'.repeat(59)}`,
      'xoxb-1234567890-1234567890-abcdefghij',
      'sk_live_0123456789abcdef',
      'AKIAIOSFODNN7EXAMPLE',
      `AIza${'x'.repeat(35)}`,
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
    ];
    for (const token of tokens) assert.equal(redactor.clean(`id ${token} end`), 'id [REDACTED] end', token);
    assert.equal(redactor.clean('AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), '[REDACTED],[REDACTED]');
    assert.equal(
      redactor.clean('see https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX now'),
      'see https://hooks.slack.com/services/[REDACTED] now',
    );
  });

  it('matches secret keys in any case and separator, as words, and environment-style *_KEY', () => {
    const secret = [
      'PASSWORD', 'Pass-Word', 'pass_word', 'apiKey', 'API_KEY', 'x_Api_Key', 'Proxy-Authorization', 'privateKey', 'Set-Cookie',
      'CREDENTIALS', 'pw', 'pwd', 'creds', 'access_key', 'STRIPE_KEY', 'GITHUB_TOKEN', 'APP_SECRET', 'dbPass', 'basic_auth', 'X-Amz-Signature',
    ];
    for (const key of secret) assert.deepEqual(redactor.clean({ [key]: 'x' }), { [key]: '[REDACTED]' }, key);
    const ordinary = ['key', 'cacheKey', 'sort_key', 'keyId', 'author', 'passenger', 'bypass', 'authored', 'signal'];
    for (const key of ordinary) assert.deepEqual(redactor.clean({ [key]: 'x' }), { [key]: 'x' }, key);
  });

  it('replaces the values of [name, value] pairs and { name, value } objects that name a secret', () => {
    assert.deepEqual(redactor.clean(['Host', 'h', 'Authorization', 'Basic x']), ['Host', 'h', 'Authorization', '[REDACTED]']);
    assert.deepEqual(redactor.clean([['pin_password', 4711], ['port', 5432]]), [['pin_password', '[REDACTED]'], ['port', 5432]]);
    assert.deepEqual(redactor.clean({ name: 'DB_PASSWORD', value: 'x' }), { name: 'DB_PASSWORD', value: '[REDACTED]' });
    assert.deepEqual(redactor.clean(['user', 'password', 'email']), ['user', 'password', 'email'], 'an odd list of names is no pairs');
  });

  it('redacts configured extra keys in objects and in text, and configured paths', () => {
    const custom = new Redactor({ keys: ['ssn'], paths: ['args.user.email', 'args.*.phone'] });
    const fields = custom.fields({
      args: { user: { email: 'a@b.c', name: 'Ann', customer_SSN: '123' }, other: { phone: '555', email: 'kept@x.y' } },
      note: 'customer_ssn=123-45 ok',
    });
    assert.deepEqual(fields, {
      args: {
        user: { email: '[REDACTED]', name: 'Ann', customer_SSN: '[REDACTED]' },
        other: { phone: '[REDACTED]', email: 'kept@x.y' },
      },
      note: 'customer_ssn=[REDACTED] ok',
    });
  });

  it('never shows the first half of a secret that a long string is cut in', () => {
    const pad = 'x '.repeat(MAX_STRING_LENGTH / 2 - 20);
    const longPassword = `postgres://app:${'p'.repeat(5000)}@db/x`;
    const longToken = `eyJhbGciOiJIUzI1NiJ9.eyJ${'a'.repeat(5000)}.sig`;
    for (const secret of [longPassword, longToken, `token=${'t'.repeat(5000)}`]) {
      const out = redactor.clean(pad + secret) as string;
      assert.ok(out.length <= MAX_STRING_LENGTH, `${out.length} characters`);
      assert.match(out, /\[REDACTED\]?… \[truncated, \d+ chars\]$/);
      assert.doesNotMatch(out, /ppp|aaa|ttt/);
    }
  });

  it("interpolates %s arguments as winston's format.splat() does, redacted", () => {
    const { memory, logger } = capture();
    logger.info('login %s from %s (%d%%)', 'bob', 'https://app:pw@db/x', 50, { attempt: 2 });
    logger.info('user %j', { name: 'ann', password: 'pw' });
    logger.info('connect with password=%s', 'hunter2');
    logger.error('failed', new Error('token=abc'));
    const [first, second, third, fourth] = memory.json();
    assert.equal(first?.message, 'login bob from https://app:[REDACTED]@db/x (50%)');
    assert.equal(first?.attempt, 2);
    assert.equal(second?.message, 'user {"name":"ann","password":"[REDACTED]"}');
    assert.equal(third?.message, 'connect with password=[REDACTED]');
    assert.equal(fourth?.message, 'failed token=[REDACTED]');
  });

  it('hides an argument whose token follows a secret name, with nothing else in the line to say so', () => {
    const { memory, logger } = capture();
    logger.info('password %s for %s', 'hunter2', 'bob');
    logger.info('api key: "%s", 100%% sure, user %s', 'k3y-value', 'ann');
    logger.info('client_secret %d then %s', 12345, 'plain');
    logger.info('password reset for %s', 'bob');
    assert.deepEqual(memory.json().map((line) => line.message), [
      'password [REDACTED] for bob',
      'api key: "[REDACTED]", 100% sure, user ann',
      'client_secret [REDACTED] then plain',
      'password reset for bob',
    ]);
  });

  it('does no work for a line whose level is off: nothing is read, formatted or redacted', async () => {
    let reads = 0;
    const watched = { get secret() {
      reads += 1;
      return 'x';
    } };
    const { memory, logger } = capture({ level: 'info' });
    logger.debug('quiet %s', watched, { nested: watched });
    logger.log({ level: 'debug', message: 'quiet', nested: watched });
    logEvent(methodInfo(logger), 'debug', 'test.quiet', 'quiet', { nested: watched });
    const kit = createTestKit();
    kit.container.register(LOGGER, { useValue: logger });
    class Quiet {
      @Logged()
      async run(_value: unknown) {
        return 1;
      }
    }
    await new Quiet().run(watched);
    kit.dispose();
    assert.equal(reads, 0);
    assert.deepEqual(memory.events('call.start'), []);
  });

  it('redacts what a child logger and defaultMeta add to mendkit lines, and keeps the rest of them (the issue repro)', async () => {
    const { memory, logger } = capture();
    logger.defaultMeta = { service: 'billing', token: 'LEAK-meta' };
    const child = logger.child({ apiKey: 'LEAK-123', dbUrl: 'postgres://app:LEAK-pw@db/x', component: 'FromChild', region: 'eu' });
    const kit = createTestKit({ autoAdvance: true });
    kit.container.register(LOGGER, { useValue: child });
    class Sync {
      @Logged()
      @Retry({ attempts: 2, backoff: fixed(0) })
      async push(): Promise<never> {
        throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      }
    }
    await assert.rejects(new Sync().push());
    kit.dispose();
    const lines = memory.json();
    assert.ok(lines.length >= 3);
    assert.deepEqual(leaking(written(memory)), []);
    for (const line of lines) {
      assert.deepEqual(
        [line.service, line.token, line.apiKey, line.dbUrl, line.region, line.component],
        ['billing', '[REDACTED]', '[REDACTED]', 'postgres://app:[REDACTED]@db/x', 'eu', 'Sync.push'],
      );
    }
  });

  it("writes @Logged's success line as every mendkit line: configured keys, a name that reads as a secret, child and defaultMeta fields", async () => {
    const { memory, logger } = capture({ redact: { keys: ['duration'] } });
    logger.defaultMeta = { token: 'LEAK-meta' };
    const kit = createTestKit({ autoAdvance: true });
    kit.container.register(LOGGER, { useValue: logger.child({ apiKey: 'LEAK-child' }) });
    class Vault {
      @Logged()
      async ['password=hunter2'](): Promise<void> {}

      @Logged()
      async open(): Promise<void> {}
    }
    const vault = new Vault();
    await vault['password=hunter2']();
    await vault.open();
    kit.dispose();
    const lines = memory.json().filter((line) => line.event === 'call.success');
    assert.deepEqual(
      lines.map(({ message, durationMs, token, apiKey }) => [message, durationMs, token, apiKey]),
      [
        ['Vault.password=[REDACTED] succeeded in 0 ms', '[REDACTED]', '[REDACTED]', '[REDACTED]'],
        ['Vault.open succeeded in 0 ms', '[REDACTED]', '[REDACTED]', '[REDACTED]'],
      ],
    );
  });

  it("finds no secret in a number's text between spaces, whatever the number (what @Logged's success line relies on)", () => {
    const numbers = [0, 7, -3, 1234567890123456, 2 ** 64, 1e21, -1.7976931348623157e308, 1.2345678901234567e-6, 5e-324, NaN, Infinity, -Infinity];
    for (const number of numbers) {
      const message = `Exporter.run succeeded in ${number} ms`;
      assert.equal(maybeSecret(message), false, message);
    }
  });

  it("writes @Logged's success line with the fields in logLine's order, and nothing but them", async () => {
    const { memory, logger } = capture();
    const kit = createTestKit({ autoAdvance: true });
    kit.container.register(LOGGER, { useValue: logger });
    class Vault {
      @Logged()
      async open(): Promise<void> {}
    }
    await new Vault().open();
    kit.dispose();
    const [line] = memory.entries.filter((entry) => entry.event === 'call.success');
    assert.deepEqual(Object.keys(line ?? {}), ['durationMs', 'level', 'message', 'event', 'component', 'correlationId', 'timestamp']);
  });

  it('leaks none of the corpus through mendkit lines when you register a winston logger of your own', () => {
    const memory = new MemoryTransport({ format: format.json() });
    const logger = createWinstonLogger({ level: 'info', transports: [memory] });
    for (const { name, value } of SECRET_CORPUS) {
      logEvent(methodInfo(logger), 'error', 'test.secret', typeof value === 'string' ? value : name, { value });
    }
    assert.equal(memory.entries.length, SECRET_CORPUS.length);
    assert.deepEqual(leaking(written(memory)), []);
  });

  it('uses the redaction configured on createLogger for mendkit lines too', () => {
    const { memory, logger } = capture({ redact: { keys: ['iban'] } });
    logEvent(methodInfo(logger), 'info', 'test.iban', 'paying', { account: { iban: 'DE89 3704' } });
    logger.child({ component: 'Child' }).info('paying', { iban: 'DE89 3704' });
    assert.deepEqual(memory.json().map((line) => line.account ?? line.iban), [{ iban: '[REDACTED]' }, '[REDACTED]']);
  });
});
