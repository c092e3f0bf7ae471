import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLogger } from '../src/logging/createLogger';

const createLoggerModule = join(__dirname, '..', 'src', 'logging', 'createLogger.js');

/**
 * Runs `createLogger(options)` in a child process, logs one line, and returns its stdout lines.
 * With `uid`, the child drops to that user first (itself: the node binary may sit where only
 * root can reach it, as under CI).
 */
function runChild(options: object, uid?: number): { status: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const code =
    `const { createLogger } = require(${JSON.stringify(createLoggerModule)});` +
    (uid === undefined ? '' : `process.setgid(${uid}); process.setuid(${uid});`) +
    `createLogger(${JSON.stringify(options)}).info('still logging', { event: 'after' });`;
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 10_000 });
  if (result.error !== undefined) throw result.error;
  const lines = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: result.status, lines, stderr: result.stderr };
}

/** The file's lines once the transport has flushed them (winston's `finish` may come first). */
async function linesOf(path: string): Promise<string[]> {
  for (let tries = 0; tries < 100 && !readFileSync(path, 'utf8').endsWith('\n'); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return readFileSync(path, 'utf8').split('\n').filter(Boolean);
}

describe('the file transport', () => {
  const root = mkdtempSync(join(tmpdir(), 'mendkit-log-'));
  chmodSync(root, 0o755);
  after(() => rmSync(root, { recursive: true, force: true }));

  it('creates a missing nested directory and appends JSON lines', async () => {
    const path = join(root, 'var', 'log', 'automation', 'script.log');
    const logger = createLogger({ console: false, file: path });
    const finished = new Promise((resolve) => logger.on('finish', resolve));
    logger.info('written to the file', { event: 'test.file', password: 'hunter2' });
    logger.end();
    await finished;
    const [line, ...rest] = await linesOf(path);
    assert.equal(rest.length, 0);
    const parsed = JSON.parse(line!) as Record<string, unknown>;
    assert.equal(parsed.message, 'written to the file');
    assert.equal(parsed.event, 'test.file');
    assert.equal(parsed.password, '[REDACTED]');
  });

  it('falls back to the console, says so once, and goes on, when the directory cannot be made (EACCES)', () => {
    const locked = join(root, 'root-only');
    mkdirSync(locked, { mode: 0o755 });
    const path = join(locked, 'logs', 'script.log');
    const { status, lines, stderr } = runChild({ console: false, file: path }, 65534);
    assert.equal(status, 0, stderr);
    assert.equal(lines.filter((line) => line.event === 'log.fallback').length, 1);
    const [notice, next] = lines;
    assert.equal(notice?.level, 'warn');
    assert.equal(notice?.path, path);
    assert.equal((notice?.error as Record<string, unknown>).code, 'EACCES');
    assert.match(String(notice?.message), /^cannot write the log file .*script\.log \(EACCES: permission denied, mkdir .*\); logging to the console until it works again$/);
    assert.equal(next?.message, 'still logging');
    assert.equal(stderr, `mendkit: ${String(notice?.message)}\n`, 'said once on stderr too');
  });

  it('falls back when a file stands where a directory should be (ENOTDIR), keeping the JSON console', () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, '');
    const { status, lines } = runChild({ console: 'json', file: join(blocker, 'sub', 'script.log') });
    assert.equal(status, 0);
    assert.deepEqual(lines.map((line) => line.event), ['log.fallback', 'after']);
    assert.equal((lines[0]?.error as Record<string, unknown>).code, 'ENOTDIR');
  });

  it('falls back instead of hanging where a parent refuses children with ENOENT (/proc)', () => {
    const { status, lines } = runChild({ console: 'json', file: '/proc/mendkit-nope/automation/script.log' });
    assert.equal(status, 0);
    assert.deepEqual(lines.map((line) => line.event), ['log.fallback', 'after']);
    assert.equal((lines[0]?.error as Record<string, unknown>).code, 'ENOENT');
  });
});
