import { type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'winston';
import type { Clock, TimerHandle } from '../../clock/Clock';
import { logLine } from '../../logging/logLine';
import { errorLabel, errorMessage } from '../../matching/errorFacts';
import type { RunTrigger } from '../RunTrigger';
import { SeenFiles } from './SeenFiles';
import { scanFiles } from './scanFiles';
import type { Trigger } from './Trigger';

/** OS watch limits: inotify instances or watches used up. Polling needs neither. */
const WATCH_LIMIT_CODES = new Set(['EMFILE', 'ENOSPC']);

/** What a {@link WatchTrigger} watches. */
export interface WatchTarget {
  readonly job: string;
  readonly path: string;
  readonly debounceMs: number;
  readonly pollIntervalMs: number;
}

/** The watched path's identity: a directory removed and made again has a new inode. */
function inodeOf(file: string): number | undefined {
  try {
    return statSync(file).ino;
  } catch {
    return undefined;
  }
}

/**
 * Fires when files are added or changed under a path, once the changes have been quiet for
 * `debounceMs`. Heals itself: when the OS watch limits run out (EMFILE/ENOSPC) it falls back to
 * polling; a watcher lost that way is opened again at the next check and reports the files
 * added or changed while none was watching. A polling watcher is checked once with a scan of its
 * own, one interval after chokidar's scan: chokidar takes each file's first poll only after it, and
 * never reports what changed in between. Every `pollIntervalMs` it checks the path is still the
 * one it watches, and when the path disappeared (or was replaced) it watches it again, and fires,
 * once it is back — chokidar alone stops following a removed root.
 */
export class WatchTrigger implements Trigger {
  private watcher: FSWatcher | undefined;
  private polling = false;
  /** The inode being watched; undefined while the path is missing. */
  private inode: number | undefined;
  private readonly seen = new SeenFiles();
  /**
   * Set when a watcher that had scanned the path is lost to an error: the watchers opened after it
   * report what changed meanwhile (counted here) until one has scanned the path again.
   */
  private interruption: { reported: number } | undefined;
  /** A polling watcher whose first polls may have missed changes, until a check scans the path. */
  private unsettled: { readonly watcher: FSWatcher; readonly since: number } | undefined;
  private changes = new Set<string>();
  private debounce: TimerHandle | undefined;
  private check: TimerHandle | undefined;
  private closing: Promise<void> = Promise.resolve();
  private fire: ((trigger: RunTrigger) => void) | undefined;
  private readonly root: string;

  constructor(
    private readonly target: WatchTarget,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.root = path.resolve(target.path);
  }

  start(fire: (trigger: RunTrigger) => void): void {
    this.fire = fire;
    this.inode = inodeOf(this.root);
    if (this.inode === undefined) this.log('job.watch.lost', `${this.root} does not exist; waiting for it`);
    else this.open();
    this.scheduleCheck();
  }

  async stop(): Promise<void> {
    this.fire = undefined;
    for (const timer of [this.debounce, this.check]) if (timer !== undefined) this.clock.clearTimer(timer);
    this.debounce = this.check = undefined;
    await this.close();
  }

  /**
   * Opens a watcher. The files of its scan (chokidar's initial adds) are only recorded, except after
   * an interruption, when those new or changed since the lost watcher saw them are reported.
   */
  private open(): void {
    const watcher = watch(this.root, {
      ignoreInitial: false,
      alwaysStat: true,
      usePolling: this.polling,
      interval: this.target.pollIntervalMs,
      binaryInterval: this.target.pollIntervalMs,
    });
    this.watcher = watcher;
    const scanned = new Set<string>();
    let scanning = true;
    // An add of a file already seen as it is was reported by the trigger's own scan (settle).
    watcher.on('add', (file, stats) => {
      if (this.seen.see(file, stats) && (!scanning || this.interruption !== undefined)) this.found(file);
      if (scanning) scanned.add(file);
    });
    watcher.on('change', (file, stats) => {
      this.seen.see(file, stats);
      this.changed(file);
    });
    watcher.on('unlink', (file) => this.seen.forget(file));
    watcher.on('ready', () => {
      if (watcher !== this.watcher) return;
      scanning = false;
      this.seen.scanEnded(scanned);
      if (this.polling) this.unsettled = { watcher, since: this.clock.now() };
      else this.watching();
    });
    watcher.on('error', (error) => this.failed(watcher, error));
  }

  /** Reports a file found new or changed by a scan. */
  private found(file: string): void {
    if (this.interruption !== undefined) this.interruption.reported += 1;
    this.changed(file);
  }

  /**
   * A polling watcher's first polls were queued before its 'ready' and have run an interval later:
   * a scan then reports what changed between chokidar's scan and them. A file changed during this
   * scan may be reported by both; one that changed before it, only here.
   */
  private async settle(watcher: FSWatcher): Promise<void> {
    let files: Map<string, Stats>;
    try {
      files = await scanFiles(this.root);
    } catch {
      // No descriptor free, or the path went (which the next check notices): try again then.
      if (watcher === this.watcher) this.unsettled = { watcher, since: 0 };
      return;
    }
    if (watcher !== this.watcher) return;
    for (const [file, stats] of files) if (this.seen.see(file, stats)) this.found(file);
    this.watching();
  }

  /** The watcher sees every change from now on: a change before this may be missed, so say it. */
  private watching(): void {
    if (this.interruption !== undefined) {
      const { reported } = this.interruption;
      this.interruption = undefined;
      this.log('job.watch.reopened', `watching ${this.root} again; ${reported} file(s) added or changed meanwhile`, { reported });
    }
    logLine(this.logger, 'debug', 'job.watch.ready', `job ${this.target.job}: watching ${this.root}${this.polling ? ' (polling)' : ''}`, {
      job: this.target.job,
      path: this.root,
      polling: this.polling,
    });
  }

  /** Closes the open watcher; resolves once every watcher closed so far is closed. */
  private close(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    if (watcher !== undefined) this.closing = Promise.all([this.closing, watcher.close()]).then(() => undefined);
    return this.closing;
  }

  /**
   * Every `pollIntervalMs`: notices a path that disappeared or was replaced, (re)opens the watcher
   * when there is a path to watch and none is open — after it came back, or after the watcher was
   * closed for an error — and settles a polling watcher that has just scanned.
   */
  private scheduleCheck(): void {
    this.check = this.clock.setTimer(this.target.pollIntervalMs, () => {
      if (this.fire === undefined) return;
      const inode = inodeOf(this.root);
      let restored = false;
      if (inode !== this.inode) {
        if (this.inode !== undefined) this.log('job.watch.lost', `${this.root} disappeared; waiting for it to come back`);
        this.inode = inode;
        restored = inode !== undefined;
        this.seen.clear();
        this.interruption = undefined;
        void this.close();
      }
      if (this.watcher === undefined && this.inode !== undefined) {
        if (restored) this.log('job.watch.restored', `${this.root} is back; watching it again`);
        this.open();
        if (restored) this.changed(this.root); // files may have landed before the watcher was up
      }
      const unsettled = this.unsettled;
      if (unsettled !== undefined && this.clock.now() - unsettled.since >= this.target.pollIntervalMs) {
        this.unsettled = undefined;
        if (unsettled.watcher === this.watcher) void this.settle(unsettled.watcher);
      }
      this.scheduleCheck();
    });
  }

  private log(event: string, what: string, fields: Record<string, unknown> = {}): void {
    logLine(this.logger, 'warn', event, `job ${this.target.job}: ${what}`, { job: this.target.job, path: this.root, ...fields });
  }

  private changed(file: string): void {
    this.changes.add(file);
    if (this.debounce !== undefined) this.clock.clearTimer(this.debounce);
    this.debounce = this.clock.setTimer(this.target.debounceMs, () => {
      this.debounce = undefined;
      const changes = [...this.changes];
      this.changes.clear();
      this.fire?.({ kind: 'watch', scheduledAt: this.clock.now(), changes });
    });
  }

  private failed(watcher: FSWatcher, error: unknown): void {
    if (watcher !== this.watcher) return;
    const code = errorLabel(error);
    if (WATCH_LIMIT_CODES.has(code)) {
      if (!this.polling) {
        this.polling = true;
        this.log('job.watch.polling', `the OS watch limit is reached (${code}); polling ${this.root} every ${this.target.pollIntervalMs} ms instead`, { code });
      }
      // Polling needs no OS watch but still reads the directory, which fails too while every
      // descriptor is taken: the next check opens a polling watcher again.
      if (this.seen.known && this.interruption === undefined) {
        this.interruption = { reported: 0 };
        this.log('job.watch.interrupted', `watching ${this.root} failed (${code}); watching it again at the next check, with what changed meanwhile`, { code });
      }
      void this.close();
      return;
    }
    logLine(this.logger, 'error', 'job.watch.error', `job ${this.target.job}: watching ${this.root} failed: ${errorMessage(error)}`, {
      job: this.target.job,
      path: this.root,
      code,
    });
  }
}
