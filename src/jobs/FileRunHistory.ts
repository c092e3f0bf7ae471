import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryQuery, RunHistory } from './RunHistory';
import type { RunRecord } from './RunRecord';

/**
 * The run history as append-only JSON lines in `<stateDir>/runs.jsonl`. Each record is one
 * `O_APPEND` write ending in a newline. A crash in the middle of a write can leave a torn last
 * line: reading skips lines that do not parse, and the next append starts on a fresh line, so
 * a torn line never breaks reading nor glues itself to the next record.
 */
export class FileRunHistory implements RunHistory {
  /** The file the records go to. */
  readonly file: string;
  private tail: Promise<void> = Promise.resolve();
  private checkedEnd = false;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'runs.jsonl');
  }

  append(record: RunRecord): Promise<void> {
    // Appends are chained so that records from one process land in the order they were made.
    const write = this.tail.then(async () => {
      let prefix = '';
      if (!this.checkedEnd) {
        await mkdir(path.dirname(this.file), { recursive: true });
        prefix = (await endsTorn(this.file)) ? '\n' : '';
        this.checkedEnd = true;
      }
      await appendFile(this.file, `${prefix}${JSON.stringify(record)}\n`);
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  async read(query: HistoryQuery = {}): Promise<RunRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records = text.split('\n').flatMap((line) => {
      const record = parseRecord(line);
      return record !== undefined && (query.job === undefined || record.job === query.job) ? [record] : [];
    });
    return query.limit === undefined ? records : records.slice(Math.max(0, records.length - query.limit));
  }
}

function parseRecord(line: string): RunRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as Partial<RunRecord>;
    return typeof value === 'object' && value !== null && typeof value.job === 'string' ? (value as RunRecord) : undefined;
  } catch {
    return undefined; // a line torn by a crash
  }
}

/** Whether the file exists, is not empty and does not end in a newline. */
async function endsTorn(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return false;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
