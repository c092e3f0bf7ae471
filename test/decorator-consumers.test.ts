import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = path.join(__dirname, '..', '..');
const bin = (relative: string) => path.join(root, 'node_modules', relative);

/** What the consumer prints when every decorator did its work. */
const EXPECTED = {
  exported: 'exported /tmp/a.csv',
  denied: 'skipped',
  undone: ['/tmp/a.csv', '/tmp/a.csv'],
  ping: 'pong',
  secret: 'secret',
  job: ['succeeded', 2],
  logged: [
    ['Reports.export', { path: '/tmp/a.csv' }],
    ['Reports.export', { path: '/denied' }],
  ],
  heals: 1,
};

function run(command: string, args: readonly string[], cwd: string) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
}

/**
 * A project outside the repository that depends on mendkit (linked, as npm would install it),
 * compiled without `experimentalDecorators` and run without importing reflect-metadata.
 */
describe('a consumer on standard decorators', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mendkit-consumer-'));
    cpSync(path.join(root, 'test', 'fixtures', 'standard-consumer'), path.join(dir, 'src'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(root, path.join(dir, 'node_modules', 'mendkit'), 'dir');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }));
    const compilerOptions = { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, skipLibCheck: true, rootDir: 'src', outDir: 'out' };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [compiler, tsc] of [
    ['TypeScript 5.9', bin('typescript/bin/tsc')],
    ['TypeScript 7', bin('typescript7/bin/tsc')],
  ] as const) {
    it(`compiled by ${compiler}: every decorator works, and a method declared to return a non-promise does not compile`, () => {
      const outDir = `out-${compiler.replace(/\W+/g, '')}`;
      const compiled = run(process.execPath, [tsc, '-p', '.', '--outDir', outDir], dir);
      // refused.ts is the one error; the consumer is emitted all the same.
      assert.match(compiled.stdout, /src\/refused\.ts\(\d+,\d+\): error TS\d+/);
      assert.equal(compiled.stdout.match(/error TS/g)?.length, 1, compiled.stdout);
      const ran = run(process.execPath, [path.join(outDir, 'consumer.js')], dir);
      assert.equal(ran.status, 0, ran.stderr);
      assert.deepEqual(JSON.parse(ran.stdout), EXPECTED);
    });
  }

  // --keep-names, as tsx does: bundling renames classes (`_Reports`), and logs name the class.
  it('run through esbuild: every decorator works', () => {
    const out = path.join('out-esbuild', 'consumer.js');
    const built = run(bin('.bin/esbuild'), ['src/consumer.ts', '--bundle', '--platform=node', '--target=node20', '--packages=external', '--keep-names', `--outfile=${out}`], dir);
    assert.equal(built.status, 0, built.stderr);
    const ran = run(process.execPath, [out], dir);
    assert.equal(ran.status, 0, ran.stderr);
    assert.deepEqual(JSON.parse(ran.stdout), EXPECTED);
  });
});
