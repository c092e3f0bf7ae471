import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'winston';
import type { Clock, TimerHandle } from '../../clock/Clock';
import { errorLabel, errorMessage } from '../../matching/errorFacts';
import type { RunTrigger } from '../RunTrigger';
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

/**
 * Fires when files are added or changed under a path, once the changes have been quiet for
 * `debounceMs`. Heals itself: when the OS watch limits run out (EMFILE/ENOSPC) it falls back to
 * polling; when the watched directory disappears it is watched again, and fires, when it returns.
 */
export class WatchTrigger implements Trigger {
  private watcher: FSWatcher | undefined;
  private polling = false;
  private lost = false;
  private changes = new Set<string>();
  private debounce: TimerHandle | undefined;
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
    this.open();
  }

  async stop(): Promise<void> {
    this.fire = undefined;
    if (this.debounce !== undefined) this.clock.clearTimer(this.debounce);
    this.debounce = undefined;
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
  }

  /** Whether it fell back to polling. */
  get isPolling(): boolean {
    return this.polling;
  }

  private open(): void {
    const watcher = watch(this.root, {
      ignoreInitial: true,
      usePolling: this.polling,
      interval: this.target.pollIntervalMs,
      binaryInterval: this.target.pollIntervalMs,
    });
    this.watcher = watcher;
    watcher.on('add', (file) => this.changed(file));
    watcher.on('change', (file) => this.changed(file));
    watcher.on('addDir', (dir) => this.dirAdded(dir));
    watcher.on('unlinkDir', (dir) => this.dirRemoved(dir));
    watcher.on('error', (error) => this.failed(watcher, error));
  }

  /** Closes the current watcher and opens a new one with the current mode. */
  private reopen(): void {
    const old = this.watcher;
    this.watcher = undefined;
    void old?.close().then(() => {
      if (this.fire !== undefined && this.watcher === undefined) this.open();
    });
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

  private dirAdded(dir: string): void {
    if (dir !== this.root || !this.lost) return;
    this.lost = false;
    this.logger.warn(`job ${this.target.job}: ${this.root} is back; watching it again`, {
      event: 'job.watch.restored',
      job: this.target.job,
      path: this.root,
    });
    this.changed(dir);
  }

  private dirRemoved(dir: string): void {
    if (dir !== this.root) return;
    this.lost = true;
    this.logger.warn(`job ${this.target.job}: ${this.root} disappeared; waiting for it to come back`, {
      event: 'job.watch.lost',
      job: this.target.job,
      path: this.root,
    });
    // chokidar stops following a root that was removed; a new watcher waits for it to reappear.
    this.reopen();
  }

  private failed(watcher: FSWatcher, error: unknown): void {
    if (watcher !== this.watcher) return;
    const code = errorLabel(error);
    if (WATCH_LIMIT_CODES.has(code) && !this.polling) {
      this.polling = true;
      this.logger.warn(`job ${this.target.job}: the OS watch limit is reached (${code}); polling ${this.root} every ${this.target.pollIntervalMs} ms instead`, {
        event: 'job.watch.polling',
        job: this.target.job,
        path: this.root,
        code,
      });
      this.reopen();
      return;
    }
    this.logger.error(`job ${this.target.job}: watching ${this.root} failed: ${errorMessage(error)}`, {
      event: 'job.watch.error',
      job: this.target.job,
      path: this.root,
      code,
    });
  }
}
