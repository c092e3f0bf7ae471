import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunRecord } from '../RunRecord';
import { isRunRecord } from './parseRunRecord';

/** A job's entry: its last run, and whether runs of it may have been recorded since without it. */
export interface LastRunEntry {
  readonly record: RunRecord;
  /**
   * The job was running more than once per `throttleMs` when this was written, so its entry is
   * rewritten at most that often: a crash may leave runs recorded after this one.
   */
  readonly busy: boolean;
}

/** Held-back entries written at once by the timer. */
const WRITES_AT_ONCE = 4;

interface JobState {
  /** Real time the job's last record was seen, for telling a busy job from a quiet one. */
  seenAt: number;
  /** What its entry on disk says. */
  busyOnDisk: boolean;
  /** Its latest record, when newer than the entry on disk. */
  pending?: RunRecord;
  /** Its entry's writes, one after another: they share a temporary file. */
  chain: Promise<void>;
}

/**
 * Each job's last run, one small file per job in `<stateDir>/runs.last/`, so that catch-up finds
 * a job's last run at once however long the history is. An entry is written before the records
 * it describes are appended: a crash between the two leaves the entry ahead of the history (the
 * run did happen), never behind it. A job that runs more than once per `throttleMs` has its entry
 * marked `busy` and rewritten in the background once per `throttleMs`, so its cost stays one small
 * write per job per `throttleMs`, never on the appends' path; a reader then checks the history's
 * tail for later runs.
 */
export class LastRunIndex {
  private readonly jobs = new Map<string, JobState>();
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private made: Promise<unknown> | undefined;

  constructor(
    private readonly directory: string,
    private readonly throttleMs = 1000,
  ) {}

  /** Brings the entries of the jobs in `records` (oldest first) up to date, before they are appended. */
  async beforeAppend(records: readonly RunRecord[]): Promise<void> {
    const latest = new Map<string, RunRecord>();
    const counts = new Map<string, number>();
    for (const record of records) {
      latest.set(record.job, record);
      counts.set(record.job, (counts.get(record.job) ?? 0) + 1);
    }
    const now = Date.now();
    const writes: Promise<void>[] = [];
    for (const [job, record] of latest) {
      const state = this.jobs.get(job);
      const busy = (counts.get(job) ?? 0) > 1 || (state !== undefined && now - state.seenAt < this.throttleMs);
      const next: JobState = state ?? { seenAt: now, busyOnDisk: false, chain: Promise.resolve() };
      next.seenAt = now;
      this.jobs.set(job, next);
      if (!busy || !next.busyOnDisk) {
        next.pending = undefined;
        writes.push(this.write(job, next, { record, busy }));
      } else {
        // Already marked busy on disk: the timer brings it up to date, off the appends' path.
        next.pending = record;
        this.armTimer();
      }
    }
    await Promise.all(writes);
  }

  /** The entry of `job`, if one was written and can be read. */
  async read(job: string): Promise<LastRunEntry | undefined> {
    try {
      const value = JSON.parse(await readFile(this.fileOf(job), 'utf8')) as { job?: unknown; busy?: unknown; record?: unknown };
      if (value.job !== job || !isRunRecord(value.record)) return undefined;
      return { record: value.record, busy: value.busy === true };
    } catch {
      return undefined; // none yet, or unreadable: the caller reads the history instead
    }
  }

  /** Writes every held-back entry as the job's final one (the scheduler is stopping). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writeHeldBack(() => true);
    await Promise.all([...this.inFlight]);
  }

  private armTimer(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = Date.now();
      // A job quiet for a whole period gets a final entry; one still busy, a busy one.
      void this.writeHeldBack((state) => now - state.seenAt >= this.throttleMs);
      if ([...this.jobs.values()].some((state) => state.pending !== undefined)) this.armTimer();
    }, this.throttleMs);
    this.timer.unref();
  }

  /** A few at a time: a burst of hundreds would hold up the history's own writes in libuv's pool. */
  private async writeHeldBack(isFinal: (state: JobState) => boolean): Promise<void> {
    const held = [...this.jobs].filter(([, state]) => state.pending !== undefined);
    for (let i = 0; i < held.length; i += WRITES_AT_ONCE) {
      const writes = held.slice(i, i + WRITES_AT_ONCE).map(([job, state]) => {
        const record = state.pending;
        state.pending = undefined;
        return record === undefined ? undefined : this.write(job, state, { record, busy: !isFinal(state) }).catch(() => undefined);
      });
      await Promise.all(writes);
    }
  }

  private write(job: string, state: JobState, entry: LastRunEntry): Promise<void> {
    state.busyOnDisk = entry.busy;
    const file = this.fileOf(job);
    const temporary = `${file}.${process.pid}.tmp`;
    const write = state.chain.then(async () => {
      this.made ??= mkdir(this.directory, { recursive: true });
      await this.made;
      await writeFile(temporary, JSON.stringify({ job, ...entry }));
      await rename(temporary, file);
    });
    const settled = write.catch(() => undefined);
    state.chain = settled;
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return write;
  }

  /** Job names may hold any character: the file is named after a hash, the name kept inside. */
  private fileOf(job: string): string {
    return path.join(this.directory, `${createHash('sha256').update(job).digest('hex').slice(0, 32)}.json`);
  }
}
