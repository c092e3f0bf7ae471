import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { requireCommand, requirePostgres } from './support/requires';
import { postgresEnv } from './support/services';

const samples = path.join(__dirname, '..', 'samples');

/** The demo's lines about one job: from its heading to the outcome line (`  => …`). */
function section(lines: readonly string[], job: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(`${job}: `));
  assert.ok(start >= 0, `the demo has a ${job} section`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('  => '));
  return lines.slice(start, end + 1);
}

// The demo backs PostgreSQL up when it answers, and says it skipped that otherwise.
const withPostgres = requirePostgres() === false;

describe('samples', () => {
  it('demo (npm run demo): runs the three job samples once with faults, and says what mendkit did', { skip: withPostgres && requireCommand('pg_dump') }, () => {
    const child = spawnSync(process.execPath, [path.join(samples, 'demo.js')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...postgresEnv() } });
    assert.equal(child.status, 0, child.stderr);
    const lines = child.stdout.split('\n');

    assert.deepEqual(
      section(lines, 'api-sync').filter((line) => !line.startsWith('api-sync') && !line.startsWith('    ')).map((line) => line.replace(/ succeeded in \d+ ms/, ' succeeded').replace(/written to \S+$/, 'written to FILE')),
      [
        '  fault       injected fault ECONNRESET into ApiSyncJob.run (attempt 1)',
        '  retry       ApiSyncJob.run attempt 1 failed (ECONNRESET); retrying in 500 ms',
        '  retry       ApiSyncJob.run attempt 2 failed (HTTP_429); retrying in 1000 ms',
        '  heal        ApiSyncJob.run failed (HTTP_401); healing with RefreshToken',
        '  healed      RefreshToken healed ApiSyncJob.run; re-running',
        '  heal        ApiSyncJob.run failed (ENOENT); healing with EnsureDirectory',
        '  healed      EnsureDirectory healed ApiSyncJob.run; re-running',
        '  wrote       api-sync: 12 records from 3 pages written to FILE',
        '  => api-sync succeeded (3 attempts, 2 heals)',
      ],
    );

    const ingest = section(lines, 'file-ingest');
    assert.deepEqual(ingest.filter((line) => line.startsWith('  ingested')), [
      '  ingested    orders-1.jsonl: 2 records ingested',
      '  ingested    orders-2.jsonl: 1 records ingested',
    ]);
    assert.match(ingest.at(-1)!, /^ {2}=> file-ingest succeeded in \d+ ms \(1 attempt\)$/);

    const backup = section(lines, 'db-backup');
    if (!withPostgres) {
      const { PGHOST, PGPORT } = postgresEnv();
      assert.equal(backup.at(-1), `  => skipped: PostgreSQL does not answer on ${PGHOST}:${PGPORT} (start it, or set PGHOST/PGPORT, and run the demo again)`);
    } else {
      assert.ok(backup.includes('  retry       DbBackupJob.run attempt 1 failed (ECONNREFUSED); retrying in 250 ms'), backup.join('\n'));
      assert.ok(backup.includes('  heal        DbBackupJob.run failed (ENOENT); healing with EnsureDirectory'), backup.join('\n'));
      assert.match(backup.at(-1)!, /^ {2}=> db-backup succeeded in \d+ ms \(2 attempts, 1 heal\)$/);
    }
    const command = /^ {2}node dist\/src\/cli\/main\.js dashboard --state-dir (\S+)$/.exec(lines.filter(Boolean).at(-1)!);
    assert.ok(command, `the demo ends with the dashboard command:\n${child.stdout}`);
    assert.equal(readFileSync(path.join(command[1]!, 'runs.jsonl'), 'utf8').trim().split('\n').length, withPostgres ? 3 : 2, 'its history holds the demo runs');
    rmSync(command[1]!, { recursive: true, force: true });
    assert.equal(child.stderr, '');
  });
});
