import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.join(__dirname, '..', '..');

function run(args: string[]): string {
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout.trim();
}

describe('the package entries', () => {
  it('serve a CommonJS require', () => {
    const out = run(['-e', "require('reflect-metadata'); const m = require('mendkit'); const t = require('mendkit/testing'); console.log(typeof m.Retry, typeof m.errors.transient.matches, typeof t.FakeClock)"]);
    assert.equal(out, 'function function function');
  });

  it('serve an ESM import, sharing one module instance with require', () => {
    const out = run([
      '--input-type=module',
      '-e',
      "import 'reflect-metadata'; import { createRequire } from 'node:module'; import { Retry, LOGGER } from 'mendkit'; import { createTestKit } from 'mendkit/testing'; const cjs = createRequire(import.meta.url)('mendkit'); console.log(typeof Retry, typeof createTestKit, cjs.Retry === Retry && cjs.LOGGER === LOGGER)",
    ]);
    assert.equal(out, 'function function true');
  });

  it('serve mendkit/redis to require and import, beside the main entry', () => {
    const cjs = run(['-e', "require('reflect-metadata'); const r = require('mendkit/redis'); const m = require('mendkit'); console.log(typeof r.redisRateLimitStore, typeof m.RateLimit, typeof m.RATE_LIMIT_STORE)"]);
    assert.equal(cjs, 'function function symbol');
    const esm = run([
      '--input-type=module',
      '-e',
      "import 'reflect-metadata'; import { createRequire } from 'node:module'; import { redisRateLimitStore, REDIS_RATE_LIMIT_DEFAULTS } from 'mendkit/redis'; const cjs = createRequire(import.meta.url)('mendkit/redis'); console.log(typeof redisRateLimitStore, cjs.redisRateLimitStore === redisRateLimitStore, REDIS_RATE_LIMIT_DEFAULTS.prefix)",
    ]);
    assert.equal(esm, 'function true mendkit:ratelimit');
  });
});

describe('the package files', () => {
  it('ship the dashboard page beside dist/, where the server looks for it', () => {
    const [packed] = JSON.parse(run(['-e', "process.stdout.write(require('node:child_process').execSync('npm pack --dry-run --json --ignore-scripts', { encoding: 'utf8' }))"])) as { files: { path: string }[] }[];
    const files = packed!.files.map((file) => file.path);
    for (const asset of ['dashboard/index.html', 'dashboard/app.js', 'dashboard/style.css']) assert.ok(files.includes(asset), `${asset} is packed`);
    const found = run(['-e', "const { ASSETS_DIR } = require('./dist/src/dashboard/dashboardAssets'); console.log(require('node:path').relative(process.cwd(), ASSETS_DIR))"]);
    assert.equal(found, 'dashboard');
  });
});
