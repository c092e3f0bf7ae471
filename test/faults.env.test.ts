import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, configure, faultInjectorOptions, FaultInjector, installEnvFaults, parseFaultSpec, Timeout } from 'mendkit';
import { tempDir } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';

class Api {
  @Timeout(1000)
  async get(): Promise<string> {
    return 'ok';
  }
}

const refuses = (spec: string, pattern: RegExp) =>
  assert.throws(() => faultInjectorOptions(spec), (e: unknown) => e instanceof ConfigError && pattern.test(e.message), spec);

describe('the MENDKIT_FAULTS syntax', () => {
  it('reads the documented example', () => {
    const spec = 'ECONNRESET@0.2,http503@0.1:retryAfter=1,latency200@0.05;seed=42';
    assert.deepEqual(parseFaultSpec(spec), {
      rules: [
        { fault: 'ECONNRESET', rate: 0.2 },
        { fault: 'http503', rate: 0.1, retryAfter: 1 },
        { fault: 'latency200', rate: 0.05 },
      ],
      seed: 42,
    });
    const options = faultInjectorOptions(spec);
    assert.equal(options.seed, 42);
    assert.deepEqual(options.rules!.map((rule) => [rule.fault.name, rule.fault.kind, rule.rate]), [
      ['ECONNRESET', 'throw', 0.2],
      ['HTTP_503', 'throw', 0.1],
      ['latency(200ms)', 'before', 0.05],
    ]);
  });

  it('takes percentages, flags, targets and caps; a default rate is shared by rules without one', () => {
    const options = faultInjectorOptions('EAI_AGAIN@5%:fetch:target=ApiClient:method=get:times=3,ENOENT:path=/data/x', { rate: 0.2 });
    const [dns, missing] = options.rules!;
    assert.deepEqual([dns!.rate, dns!.target, dns!.method, dns!.times], [0.05, 'ApiClient', 'get', 3]);
    assert.equal(missing!.rate, 0.2);
    const error = (dns!.fault as { create(c: unknown): Error }).create({});
    assert.ok(error instanceof TypeError && (error.cause as { code: string }).code === 'EAI_AGAIN');
  });

  it('reads a JSON file named instead', () => {
    const dir = tempDir('spec');
    try {
      const file = join(dir.path, 'faults.json');
      writeFileSync(file, JSON.stringify({ seed: 7, rules: [{ fault: 'http429', rate: 0.5, retryAfter: 3, target: 'ApiClient' }] }));
      const options = faultInjectorOptions(file);
      assert.deepEqual([options.seed, options.rules![0]!.fault.name, options.rules![0]!.target], [7, 'HTTP_429', 'ApiClient']);
      refuses(join(dir.path, 'missing.json'), /cannot read the fault file .*missing\.json/);
    } finally {
      dir.remove();
    }
  });

  it('refuses bad specs with ConfigError naming what is wrong', () => {
    refuses('ECONNRESTE@0.1', /MENDKIT_FAULTS, rule 1 \(ECONNRESTE\): unknown fault "ECONNRESTE"; known: ECONNRESET/);
    refuses('ECONNRESET', /rule 1 \(ECONNRESET\): no rate; write it as ECONNRESET@0.1/);
    refuses('ECONNRESET@2', /the rate must be from 0 to 1 \(or 0%–100%\), got 2/);
    refuses('ECONNRESET@abc', /the rate must be from 0 to 1.*got abc/);
    refuses('http503@0.1:retryAftr=1', /unknown option `retryAftr` \(did you mean `retryAfter`\?\)/);
    refuses('http200@0.1', /the status must be an integer from 400 to 599/);
    refuses('latency200@0.1:fetch', /latency200 takes no options/);
    refuses('ECONNRESET@0.1;seed=-4', /MENDKIT_FAULTS: the seed must be an integer from 0 to 4294967295, got -4/);
    refuses('ECONNRESET@0.1;sead=4', /unknown setting "sead=4"; expected seed=N/);
    refuses('ECONNRESET@0.1@0.2', /cannot read "ECONNRESET@0.1@0.2"/);
    refuses(' ', /the fault spec is empty/);
  });
});

describe('installEnvFaults', () => {
  const kit = useTestKit();

  it('does nothing when MENDKIT_FAULTS is not set', async () => {
    assert.equal(installEnvFaults(kit.container, {}, kit.logger), undefined);
    assert.equal(kit.container.isRegistered(FaultInjector, true), false);
    assert.equal(kit.logs.entries.length, 0);
    assert.equal(await new Api().get(), 'ok');
  });

  it('when set, registers an enabled injector and says so in one warning line', async () => {
    const injector = installEnvFaults(kit.container, { MENDKIT_FAULTS: 'ECONNREFUSED@1;seed=5' }, kit.logger);
    assert.ok(injector?.active);
    configure({ container: kit.container });
    await assert.rejects(new Api().get(), { code: 'ECONNREFUSED', syscall: 'connect' });
    const warnings = kit.logs.entries.filter((entry) => entry.level === 'warn');
    assert.deepEqual(warnings.map((line) => [line.event, line.seed]), [['faults.enabled', 5]]);
    assert.match(warnings[0]!.message, /fault injection is ON \(MENDKIT_FAULTS=ECONNREFUSED@1;seed=5, seed 5\)/);
    const again = installEnvFaults(kit.container, { MENDKIT_FAULTS: 'ECONNREFUSED@1;seed=5' }, kit.logger);
    assert.equal(again, injector, 'once per container: a CLI that installs at start is not logged twice');
    assert.equal(kit.logs.entries.filter((entry) => entry.level === 'warn').length, 1);
  });
});

describe('MENDKIT_FAULTS in a real process', () => {
  const entry = join(__dirname, '..', 'src', 'index.js');
  const script = `
    require('reflect-metadata');
    const { Timeout } = require(${JSON.stringify(entry)});
    class Api { async get() { return 'ok'; } }
    const d = Object.getOwnPropertyDescriptor(Api.prototype, 'get');
    Timeout(1000)(Api.prototype, 'get', d);
    Object.defineProperty(Api.prototype, 'get', d);
    (async () => {
      for (let i = 0; i < 3; i++) {
        const outcome = await new Api().get().then((v) => v, (e) => e.code + ': ' + e.message.split('\\n')[0]);
        console.error(outcome);
      }
    })();`;
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: join(__dirname, '..', '..') });

  it('injects from the first call on, with one warning line at start', () => {
    const child = run({ MENDKIT_FAULTS: 'EBUSY@1:path=/srv/lock;seed=3' });
    assert.equal(child.stderr.trim().split('\n').length, 3);
    assert.match(child.stderr, /^EBUSY: EBUSY: resource busy or locked, rename '\/srv\/lock'$/m);
    const warnings = child.stdout.split('\n').filter((line) => line.includes('"event":"faults.enabled"'));
    assert.equal(warnings.length, 1);
  });

  it('never injects unless set', () => {
    const child = run({});
    assert.deepEqual(child.stderr.trim().split('\n'), ['ok', 'ok', 'ok']);
    assert.equal(child.stdout, '');
  });

  it('a bad spec fails every call with the ConfigError', () => {
    const child = run({ MENDKIT_FAULTS: 'ECONNRESET@0.1,bogus@0.1' });
    const lines = child.stderr.trim().split('\n');
    assert.equal(lines.length, 3);
    for (const line of lines) assert.match(line, /^MENDKIT_CONFIG: MENDKIT_FAULTS, rule 2 \(bogus\): unknown fault "bogus"/);
  });
});
