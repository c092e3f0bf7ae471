import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { events, mendkit, SAMPLES } from './support/cli';
import { requireCommand, requirePostgres } from './support/requires';
import { postgresEnv } from './support/services';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

const sample = path.join(SAMPLES, 'db-backup.js');
const root = mkdtempSync(path.join(tmpdir(), 'mendkit-db-backup-'));
const database = `mendkit_backup_${process.pid}`;

/** A port on 127.0.0.1 where nothing listens: connecting is refused. */
async function refusedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return String(port);
}

function psql(db: string, sql: string): void {
  execFileSync('psql', ['-d', db, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { env: { ...process.env, ...postgresEnv() } });
}

const needs = requirePostgres() || requireCommand('psql') || requireCommand('pg_dump');

describe('sample db-backup against the real PostgreSQL', { skip: needs }, () => {
  before(() => {
    psql(postgresEnv().PGDATABASE, `CREATE DATABASE ${database}`);
    psql(database, "CREATE TABLE invoices (id int PRIMARY KEY, total numeric); INSERT INTO invoices VALUES (1, 9.5), (2, 12)");
  });
  after(() => {
    psql(postgresEnv().PGDATABASE, `DROP DATABASE IF EXISTS ${database}`);
    rmSync(root, { recursive: true, force: true });
  });

  it('dumps into a backup directory it creates, verifies each dump and keeps the last 2', () => {
    const dir = path.join(root, 'missing', 'backups');
    const env = { ...postgresEnv(), BACKUP_DIR: dir, BACKUP_KEEP: '2', PGDATABASE: database };
    for (let i = 0; i < 3; i++) {
      const child = mendkit(['run', sample, 'db-backup', '--state-dir', path.join(root, 'state')], env);
      assert.equal(child.status, 0, child.stderr);
      // The first run meets the missing directory: EnsureDirectory creates it and the run goes on.
      assert.match(child.stdout, i === 0 ? /^db-backup: succeeded in \d+ ms \(1 attempt, 1 heal\)/ : /^db-backup: succeeded in \d+ ms \(1 attempt\)/);
      if (i === 0) assert.deepEqual(events(child.stderr, 'heal.success').map((e) => [e.healer, e.code]), [['EnsureDirectory', 'ENOENT']]);
    }
    const dumps = readdirSync(dir);
    assert.equal(dumps.length, 2);
    for (const dump of dumps) {
      assert.match(dump, new RegExp(`^${database}-\\d{4}-\\d\\d-\\d\\dT.*\\.sql$`));
      const text = readFileSync(path.join(dir, dump), 'utf8');
      assert.match(text, /CREATE TABLE public\.invoices/);
      assert.match(text, /^2\t12$/m);
      assert.match(text.slice(-300), /-- PostgreSQL database dump complete/); // followed by \unrestrict on newer pg_dump
    }
  });

  it('retries a refused connection with backoff, then records the failure with its attempts (exit 1)', async () => {
    const port = await refusedPort();
    const state = path.join(root, 'refused-state');
    const child = mendkit(['run', sample, 'db-backup', '--state-dir', state], { ...postgresEnv(), BACKUP_DIR: path.join(root, 'b2'), PGPORT: port, PGDATABASE: database });
    assert.equal(child.status, 1);
    // 4 attempts of @Retry, one of them re-run once after EnsureDirectory created the directory.
    assert.match(child.stdout, /^db-backup: failed in \d+ ms \(4 attempts, 1 heal\) — ECONNREFUSED: .*after 4 attempts.*Connection refused/);
    assert.deepEqual(events(child.stderr, 'retry.scheduled').map((e) => e.delayMs), [250, 500, 1000]);
    const [record] = JSON.parse(mendkit(['history', '--json', '--state-dir', state]).stdout) as { outcome: string; attempts: number; heals: number; errorCode: string }[];
    assert.deepEqual([record?.outcome, record?.attempts, record?.heals, record?.errorCode], ['failed', 4, 1, 'ECONNREFUSED']);
    assert.deepEqual(readdirSync(path.join(root, 'b2')), []); // created by the heal; no partial dump left behind
  });

  it('refuses a dump cut short: no file appears, no temporary file is left, the run fails', () => {
    // A pg_dump that exits 0 after half a dump, as one killed by the server might look.
    const bin = path.join(root, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "-- PostgreSQL database dump"\necho "CREATE TABLE public.invoices ("\n');
    chmodSync(path.join(bin, 'pg_dump'), 0o755);
    const dir = path.join(root, 'cut');
    mkdirSync(dir);
    const child = mendkit(['run', sample, 'db-backup', '--state-dir', path.join(root, 'cut-state')], {
      ...postgresEnv(),
      BACKUP_DIR: dir,
      PGDATABASE: database,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
    });
    assert.equal(child.status, 1);
    assert.match(child.stdout, /^db-backup: failed in \d+ ms \(1 attempt\) — EBACKUPINCOMPLETE: the dump of .* is incomplete/);
    assert.deepEqual(readdirSync(dir), []);
  });
});
