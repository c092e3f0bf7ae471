/**
 * file-ingest: watches an inbox; each file of JSON lines (one record per line) is processed and
 * moved to `done/`. Crash-safe: a run killed at any point (even `kill -9`) loses no record and
 * processes none twice after a restart, because each file has one commit point — the atomic
 * rename of its output — and a file whose output is committed is only moved on the next run.
 * A commit is keyed by what the file holds (its name and a hash of its content), not by its name
 * alone: a second `export.jsonl` with new records, dropped in the next day, is ingested too, and
 * kept in `done/` beside the first (as `export.<hash>.jsonl`).
 *
 *   mendkit start dist/samples/file-ingest.js
 *
 * A file that is not valid JSON lines is moved to `rejected/` (`@Catch(SyntaxError, …)`), so one
 * bad file never blocks the inbox.
 *
 * Settings from the environment: INGEST_DIR (default ./ingest, holding inbox/, out/, done/, rejected/),
 * INGEST_DELAY_MS (simulated work per record, default 0). Writers should put a file into the
 * inbox by renaming it there, so the job never reads a half-written file.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { injectable } from 'tsyringe';
import { atomicWrite, Catch, Job, type JobContext } from 'mendkit';

/** The directories the job works in, made once at start. */
@injectable()
export class IngestSettings {
  readonly root = path.resolve(process.env.INGEST_DIR ?? 'ingest');
  readonly inbox = path.join(this.root, 'inbox');
  readonly out = path.join(this.root, 'out');
  readonly done = path.join(this.root, 'done');
  readonly rejected = path.join(this.root, 'rejected');
  readonly delayMs = Number(process.env.INGEST_DELAY_MS ?? 0);
}

/** One input record, and what ingesting it makes. */
interface InputRecord {
  readonly id: string;
  readonly amount: number;
}

const settings = new IngestSettings();

// `overlap: 'queue'`: a file landing during a run starts one more run right after it.
@Job({ name: 'file-ingest', watch: { path: settings.inbox, debounceMs: 100 }, runOnStart: true, overlap: 'queue' })
export class FileIngestJob {
  constructor(private readonly settings: IngestSettings) {}

  async run(context: JobContext): Promise<void> {
    const { inbox, out, done } = this.settings;
    await Promise.all([inbox, out, done].map((dir) => mkdir(dir, { recursive: true })));
    // Temporary files of outputs half-written by a run that was killed (atomicWrite names them
    // `.<name>.<random>.tmp`); runs never overlap, so none is in flight.
    const partials = (await readdir(out)).filter((name) => name.startsWith('.') && name.endsWith('.tmp'));
    await Promise.all(partials.map((name) => rm(path.join(out, name), { force: true })));
    const files = (await readdir(inbox)).filter((name) => !name.startsWith('.')).sort();
    for (const name of files) {
      if (context.signal.aborted) return; // shutting down: the rest waits for the next start
      await this.ingest(name, context);
    }
  }

  // A malformed file is not transient: retrying it would fail the same way, and failing the run
  // would block every file behind it.
  @Catch(SyntaxError, 'reject')
  async ingest(name: string, context: JobContext): Promise<void> {
    const { inbox, out } = this.settings;
    const content = await readFile(path.join(inbox, name), 'utf8');
    const key = createHash('sha256').update(content).digest('hex').slice(0, 16);
    const output = path.join(out, `${name}.${key}.out.jsonl`);
    if (await exists(output)) {
      // Committed by a run that died before moving the file: do not process it again.
      context.logger.info(`${name}: already ingested; moving it`, { event: 'ingest.recovered', file: name });
    } else {
      const records = await this.process(name, content, context.signal);
      // The commit point: the output appears whole (temp file, fsync, rename) or not at all.
      await atomicWrite(output, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
      context.logger.info(`${name}: ${records.length} records ingested`, { event: 'ingest.file', file: name, records: records.length });
    }
    await rename(path.join(inbox, name), await this.doneName(name, key));
  }

  /** Where a done file goes: `done/<name>`, or beside an earlier file of that name, `done/<stem>.<key><ext>`. */
  private async doneName(name: string, key: string): Promise<string> {
    const plain = path.join(this.settings.done, name);
    if (!(await exists(plain))) return plain;
    const { name: stem, ext } = path.parse(name);
    return path.join(this.settings.done, `${stem}.${key}${ext}`);
  }

  /** Moves a file that cannot be parsed out of the way, to `rejected/`, for a person to look at. */
  async reject(error: unknown, name: string, context: JobContext): Promise<void> {
    await mkdir(this.settings.rejected, { recursive: true });
    await rename(path.join(this.settings.inbox, name), path.join(this.settings.rejected, name));
    context.logger.warn(`${name}: not valid JSON lines; moved to rejected/`, {
      event: 'ingest.rejected',
      file: name,
      error: (error as Error).message,
    });
  }

  private async process(name: string, content: string, signal: AbortSignal): Promise<object[]> {
    const lines = content.split('\n').filter((line) => line.trim() !== '');
    const results: object[] = [];
    for (const line of lines) {
      const record = JSON.parse(line) as InputRecord;
      if (this.settings.delayMs > 0) await delay(this.settings.delayMs, undefined, { signal });
      results.push({ id: record.id, amountCents: Math.round(record.amount * 100), source: name });
    }
    return results;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
