import { type FileHandle, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { fileHistorySettings, type FileRunHistoryOptions } from './FileRunHistoryOptions';
import { HistoryFiles } from './history/HistoryFiles';
import { LastRunIndex } from './history/LastRunIndex';
import { linesBackward, OVERLONG } from './history/linesBackward';
import { parseRunRecord } from './history/parseRunRecord';
import { recordFilter } from './history/recordFilter';
import type { HistoryQuery, RunHistory } from './RunHistory';
import type { RunRecord } from './RunRecord';

/** A line longer than this is not a run record (whose error is cut to 500 characters). */
const MAX_LINE_BYTES = 1024 * 1024;

/** How far before a busy job's last indexed run the tail is searched for later ones, in ms. */
const BUSY_MARGIN_MS = 10_000;

interface Queued {
  readonly record: RunRecord;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The run history as JSON lines in `<stateDir>/runs.jsonl`, rotated by size (see
 * {@link FileRunHistoryOptions}) and read from the end: the last N records cost the same
 * whatever the history's length. Appends are queued and written in batches, one `O_APPEND` write
 * each, in the order they were made. A crash can leave a torn last line: reading skips lines that
 * are not run records (and says how many, through `onSkipped`), and the next batch starts on a
 * fresh line. Each job's last run is also kept in `<stateDir>/runs.last/`, for catch-up.
 * @example const history = new FileRunHistory('/var/lib/ops', { maxFileBytes: 8 * 1024 * 1024, maxFiles: 10 });
 * @throws ConfigError for a bad option, or a bad `MENDKIT_HISTORY_MAX_BYTES` / `MENDKIT_HISTORY_MAX_FILES`.
 */
export class FileRunHistory implements RunHistory {
  /** The file records are appended to. */
  readonly file: string;
  private readonly files: HistoryFiles;
  private readonly index: LastRunIndex;
  private readonly maxFileBytes: number;
  private readonly queue: Queued[] = [];
  private writing: Promise<void> | undefined;
  /** Where this process's last batch ended; a file ending elsewhere was written by another, maybe torn. */
  private expectedEnd = -1;
  private madeDirectory = false;

  constructor(stateDir: string, options: FileRunHistoryOptions = {}) {
    const { maxFileBytes, maxFiles } = fileHistorySettings(options);
    this.maxFileBytes = maxFileBytes;
    this.files = new HistoryFiles(stateDir, maxFiles);
    this.file = this.files.current;
    this.index = new LastRunIndex(path.join(stateDir, 'runs.last'));
  }

  /** Queues `record`; resolves once it is written (to the OS: no fsync). */
  append(record: RunRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Waits for the queued records and writes the held-back last-run entries. */
  async flush(): Promise<void> {
    await this.writing;
    await this.index.flush();
  }

  async read(query: HistoryQuery = {}): Promise<RunRecord[]> {
    const { job, limit, onSkipped } = query;
    const found: RunRecord[] = [];
    if (limit === 0) return found;
    const wanted = recordFilter(query);
    // Only lines holding the job's name (as JSON writes it) are parsed.
    const needle = job === undefined ? undefined : Buffer.from(JSON.stringify(job));
    for (const file of await this.files.newestFirst()) {
      for await (const line of linesBackward(file, MAX_LINE_BYTES)) {
        if (line === OVERLONG) {
          onSkipped?.('torn');
          continue;
        }
        if (line.length === 0 || (needle !== undefined && !line.includes(needle))) continue;
        const record = parseRunRecord(line.toString('utf8'));
        if (typeof record === 'string') onSkipped?.(record);
        else if (wanted(record)) found.push(record);
        if (found.length === limit) return found.reverse();
      }
    }
    return found.reverse();
  }

  /**
   * The last recorded run of `job`: from its last-run entry when that is final; else (a busy
   * job's entry, or none: a history written by an older version) from the history's tail.
   */
  async lastRun(job: string): Promise<RunRecord | undefined> {
    const entry = await this.index.read(job);
    if (entry !== undefined && !entry.busy) return entry.record;
    if (entry === undefined) return (await this.read({ job, limit: 1 }))[0];
    // Busy: later runs of the job may be in the tail, after the entry's time.
    const since = Date.parse(entry.record.endedAt) - BUSY_MARGIN_MS;
    for (const file of await this.files.newestFirst()) {
      for await (const line of linesBackward(file, MAX_LINE_BYTES)) {
        if (line === OVERLONG || line.length === 0) continue;
        const record = parseRunRecord(line.toString('utf8'));
        if (typeof record === 'string') continue;
        if (record.job === job) return Date.parse(record.endedAt) >= Date.parse(entry.record.endedAt) ? record : entry.record;
        if (Date.parse(record.endedAt) < since) return entry.record;
      }
    }
    return entry.record;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        try {
          await this.write(batch.map((queued) => queued.record));
          for (const queued of batch) queued.resolve();
        } catch (error) {
          for (const queued of batch) queued.reject(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write(records: readonly RunRecord[]): Promise<void> {
    if (!this.madeDirectory) {
      await mkdir(this.files.directory, { recursive: true });
      this.madeDirectory = true;
    }
    await this.index.beforeAppend(records);
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    const bytes = Buffer.byteLength(text);
    let handle = await open(this.file, 'a+');
    try {
      let { size } = await handle.stat();
      if (size > 0 && size + bytes > this.maxFileBytes) {
        await handle.close();
        await this.files.rotate();
        handle = await open(this.file, 'a+');
        size = (await handle.stat()).size;
      }
      const prefix = size > 0 && size !== this.expectedEnd && (await endsTorn(handle, size)) ? '\n' : '';
      await handle.appendFile(prefix + text);
      this.expectedEnd = size + prefix.length + bytes;
    } finally {
      await handle.close();
    }
  }
}

/** Whether the file's last byte is not a newline: a line torn by a crash. */
async function endsTorn(handle: FileHandle, size: number): Promise<boolean> {
  const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
  return buffer[0] !== 0x0a;
}
