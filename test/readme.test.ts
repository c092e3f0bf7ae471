import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { flakyHttpServer } from 'mendkit/testing';
import { fencedBlocks } from './support/fencedBlocks';

const root = path.join(__dirname, '..', '..');
const README = readFileSync(path.join(root, 'README.md'), 'utf8');
const MARKER = '<!-- test/readme.test.ts runs this block';

/** The README block under the marker, compiled as a reader's CommonJS project would compile it. */
function readmeExample(): string {
  const lines = README.split('\n');
  const block = fencedBlocks(README).find(({ line }) => lines[line - 3]?.startsWith(MARKER));
  assert.ok(block, `README.md has no block right under "${MARKER} …"`);
  return ts.transpileModule(block.code, {
    fileName: 'export-report.ts',
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  }).outputText;
}

/** Runs `file` with node in `cwd` until it exits; its output and exit code. */
async function run(file: string, cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [file], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('README.md', () => {
  it('is at most 250 lines, and starts with the two development commands', () => {
    const lines = README.split('\n');
    assert.ok(lines.length <= 250, `README.md has ${lines.length} lines`);
    const first = fencedBlocks(README)[0]!;
    assert.equal(first.line, 4, 'the commands come right after the title');
    const commands = first.code.split('\n').map((line) => line.replace(/#.*/, '').trim());
    assert.deepEqual(commands, ['npm install && npm run demo', 'npm ci && npm test']);
  });

  it('has a first example that runs as written: survives a reset, an expired token and a missing directory, and writes the report', { timeout: 60_000 }, async () => {
    // Inside the package, so that `require('mendkit')` resolves as in a reader's project.
    const dist = mkdtempSync(path.join(root, 'dist', 'readme-example-'));
    const cwd = mkdtempSync(path.join(tmpdir(), 'mendkit-readme-'));
    const report = 'day,rows\n2026-01-01,42\n';
    const server = await flakyHttpServer([
      'reset',
      { status: 401, body: 'token expired' },
      { status: 200, body: { token: 'fresh-token' } },
      { status: 200, body: report },
    ]);
    try {
      const file = path.join(dist, 'export-report.js');
      writeFileSync(file, readmeExample());
      const api = server.url.replace(/\/$/, '');
      const { code, stdout, stderr } = await run(file, cwd, { REPORT_API: api, REPORT_TOKEN: 'expired-token' });
      assert.equal(code, 0, stderr + stdout);

      assert.equal(readFileSync(path.join(cwd, 'reports', 'daily.csv'), 'utf8'), report);
      const requests = server.received.map(({ method, url, headers }) => `${method} ${url} ${headers.authorization ?? ''}`);
      assert.deepEqual(requests, [
        'GET /daily.csv Bearer expired-token', // reset: retried after 200 ms
        'GET /daily.csv Bearer expired-token', // 401: RefreshToken heals
        'POST /token ',
        'GET /daily.csv Bearer fresh-token', // reports/ missing: EnsureDirectory heals
        'GET /daily.csv Bearer fresh-token',
      ]);
      const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { event?: string; healer?: string });
      const events = lines.map(({ event, healer }) => (healer === undefined ? event : `${event} ${healer}`));
      assert.deepEqual(
        events.filter((event) => event !== 'heal.directoryCreated'),
        ['retry.scheduled', 'heal.start RefreshToken', 'heal.success RefreshToken', 'heal.start EnsureDirectory', 'heal.success EnsureDirectory', 'call.success'],
      );
      assert.doesNotMatch(stdout + stderr, /fresh-token|expired-token/);
    } finally {
      await server.close();
      rmSync(dist, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
