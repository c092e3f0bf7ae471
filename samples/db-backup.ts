/**
 * db-backup: a nightly job that dumps a PostgreSQL database with `pg_dump`, checks the dump is
 * complete before it appears (atomically), and keeps the last N dumps. A refused connection (the
 * database restarting) is retried with backoff; a missing backup directory is created
 * (`@Heal(EnsureDirectory)`); a missed night (the host was down at 03:00) is caught up on start.
 *
 *   mendkit list  dist/samples/db-backup.js
 *   mendkit run   dist/samples/db-backup.js db-backup      # once, now
 *   mendkit start dist/samples/db-backup.js                # every night at 03:00 UTC
 *
 * Settings come from the environment: BACKUP_DIR (default ./backups), BACKUP_KEEP (default 7),
 * and libpq's PGHOST, PGPORT, PGUSER, PGDATABASE (default 127.0.0.1, 5432, postgres, test).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { injectable } from 'tsyringe';
import { atomicWrite, EnsureDirectory, errors, exponential, Heal, Job, type JobContext, Retry } from 'mendkit';

/** The marker pg_dump writes last in a plain dump: a dump without it was cut short. */
const COMPLETE = '-- PostgreSQL database dump complete';

/** Where and what to back up; one place to read the environment, injected into the job. */
@injectable()
export class BackupSettings {
  readonly dir = path.resolve(process.env.BACKUP_DIR ?? 'backups');
  readonly keep = Number(process.env.BACKUP_KEEP ?? 7);
  readonly host = process.env.PGHOST ?? '127.0.0.1';
  readonly port = process.env.PGPORT ?? '5432';
  readonly user = process.env.PGUSER ?? 'postgres';
  readonly database = process.env.PGDATABASE ?? 'test';
}

/**
 * pg_dump's failure as an error; it reports a refused connection only in its message, so give
 * that the code mendkit's matchers (and `@Retry`'s default transient classifier) know.
 */
function pgDumpError(exitCode: number | null, stderr: string): Error {
  const message = stderr.trim().split('\n')[0] || `pg_dump exited with ${exitCode}`;
  return Object.assign(new Error(message), { code: /Connection refused/i.test(stderr) ? 'ECONNREFUSED' : 'EPGDUMP' });
}

@Job({ name: 'db-backup', cron: '0 3 * * *', timezone: 'UTC', catchUp: true, timeoutMs: 30 * 60_000 })
export class DbBackupJob {
  constructor(private readonly settings: BackupSettings) {}

  @Retry({ attempts: 4, on: errors.code('ECONNREFUSED'), backoff: exponential({ multiplier: 250, max: 2000 }) })
  @Heal(EnsureDirectory) // a missing backup directory is created, then the run goes on
  async run(context: JobContext): Promise<void> {
    const { dir, database } = this.settings;
    const stamp = context.scheduledAt.toISOString().replace(/[:.]/g, '-');
    const file = path.join(dir, `${database}-${stamp}.sql`);
    // The dump appears complete or not at all: atomicWrite renames it into place only once the
    // stream ended with pg_dump's completion line, and removes its temporary file otherwise.
    await atomicWrite(file, this.dump(context.signal));
    const removed = await this.prune();
    context.logger.info(`backup written: ${file}`, { event: 'backup.written', file, removed });
  }

  /**
   * pg_dump's output, chunk by chunk; started only when the write begins (not when the backup
   * directory turned out to be missing).
   * @throws Error (code ECONNREFUSED or EPGDUMP) when pg_dump fails; EBACKUPINCOMPLETE when the
   * dump does not end with the completion line.
   */
  private async *dump(signal: AbortSignal): AsyncGenerator<Buffer> {
    const { host, port, user, database } = this.settings;
    const child = spawn('pg_dump', ['--no-password', '-h', host, '-p', port, '-U', user, '-d', database], { signal, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = once(child, 'close') as Promise<[number | null]>;
    exited.catch(() => undefined); // a spawn error is thrown below, once the output has ended
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let tail = '';
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      tail = (tail + chunk.toString('utf8')).slice(-512);
      yield chunk;
    }
    const [exitCode] = await exited;
    if (exitCode !== 0) throw pgDumpError(exitCode, stderr);
    if (!tail.includes(COMPLETE)) {
      throw Object.assign(new Error(`the dump of ${database} is incomplete (no "${COMPLETE}" line)`), { code: 'EBACKUPINCOMPLETE' });
    }
  }

  /** Deletes all but the newest `keep` dumps; returns the names removed. */
  private async prune(): Promise<string[]> {
    const { dir, database, keep } = this.settings;
    const dumps = (await readdir(dir)).filter((name) => name.startsWith(`${database}-`) && name.endsWith('.sql')).sort();
    const old = dumps.slice(0, Math.max(0, dumps.length - keep));
    await Promise.all(old.map((name) => rm(path.join(dir, name))));
    return old;
  }
}
