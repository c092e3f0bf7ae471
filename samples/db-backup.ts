/**
 * db-backup: a nightly job that dumps a PostgreSQL database with `pg_dump`, checks the dump is
 * complete, and keeps the last N dumps. A refused connection (the database restarting) is
 * retried with backoff; a missed night (the host was down at 03:00) is caught up on start.
 *
 *   mendkit list  dist/samples/db-backup.js
 *   mendkit run   dist/samples/db-backup.js db-backup      # once, now
 *   mendkit start dist/samples/db-backup.js                # every night at 03:00 UTC
 *
 * Settings come from the environment: BACKUP_DIR (default ./backups), BACKUP_KEEP (default 7),
 * and libpq's PGHOST, PGPORT, PGUSER, PGDATABASE (default 127.0.0.1, 5432, postgres, test).
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { injectable } from 'tsyringe';
import { errors, exponential, Job, type JobContext, Retry } from 'mendkit';

const run = promisify(execFile);

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
 * pg_dump reports a refused connection only in its message; give it the code mendkit's
 * matchers (and `@Retry`'s default transient classifier) know.
 */
function asConnectionError(error: unknown): unknown {
  const stderr = String((error as { stderr?: unknown }).stderr ?? '');
  if (/Connection refused/i.test(stderr)) {
    return Object.assign(new Error(stderr.trim().split('\n')[0]), { code: 'ECONNREFUSED', cause: error });
  }
  return error;
}

@Job({ name: 'db-backup', cron: '0 3 * * *', timezone: 'UTC', catchUp: true, timeoutMs: 30 * 60_000 })
export class DbBackupJob {
  constructor(private readonly settings: BackupSettings) {}

  @Retry({ attempts: 4, on: errors.code('ECONNREFUSED'), backoff: exponential({ multiplier: 250, max: 2000 }) })
  async run(context: JobContext): Promise<void> {
    const { dir, database } = this.settings;
    // A missing backup directory is created here; once mendkit's healers are merged,
    // `@Heal(EnsureDirectory)` on this method takes it over and this line goes.
    await mkdir(dir, { recursive: true });
    const stamp = context.scheduledAt.toISOString().replace(/[:.]/g, '-');
    const final = path.join(dir, `${database}-${stamp}.sql`);
    const partial = `${final}.partial`;
    try {
      await this.dump(partial, context.signal);
      await verify(partial);
      await rename(partial, final); // the dump appears complete or not at all
    } finally {
      await rm(partial, { force: true });
    }
    const removed = await this.prune();
    context.logger.info(`backup written: ${final}`, { event: 'backup.written', file: final, removed });
  }

  private async dump(file: string, signal: AbortSignal): Promise<void> {
    const { host, port, user, database } = this.settings;
    try {
      await run('pg_dump', ['--no-password', '-h', host, '-p', port, '-U', user, '-d', database, '-f', file], { signal });
    } catch (error) {
      throw asConnectionError(error);
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

/** @throws Error when the dump does not end with pg_dump's completion marker. */
async function verify(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(Math.min(size, 256));
    await handle.read(tail, 0, tail.length, size - tail.length);
    if (!tail.toString('utf8').includes(COMPLETE)) {
      throw Object.assign(new Error(`the dump ${file} is incomplete (no "${COMPLETE}" line)`), { code: 'EBACKUPINCOMPLETE' });
    }
  } finally {
    await handle.close();
  }
}
