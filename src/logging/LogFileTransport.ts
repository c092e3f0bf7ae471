import { fstat, stat } from 'node:fs';
import { promisify } from 'node:util';
import type { Logform } from 'winston';
import TransportStream from 'winston-transport';
import type { Backoff } from '../backoff/Backoff';
import { exponential } from '../backoff/exponential';
import { nextDelay } from '../backoff/nextDelay';
import type { Clock, TimerHandle } from '../clock/Clock';
import { RealClock } from '../clock/RealClock';
import { errorMessage } from '../matching/errorFacts';
import { FileSink, type SinkEvents, type SinkFailure } from './FileSink';
import { LINE } from './lineMessage';
import type { LogFileOptions } from './LogFileOptions';
import { openLogFile } from './openLogFile';
import { type FileIdentity, settleTail } from './settleTail';

/** Something the file transport has to tell: on stderr, and as a log line. */
export interface LogFileNotice {
  readonly level: 'warn' | 'info';
  readonly event: 'log.fallback' | 'log.recovered' | 'log.fileDeleted';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** How `createLogger` wires a {@link LogFileTransport}. */
export interface LogFileTransportOptions {
  readonly file: LogFileOptions;
  readonly format: Logform.Format;
  /** Where lines go while the file cannot take them; none when the console already shows every line. */
  readonly fallback: ((line: string) => void) | undefined;
  readonly say: (notice: LogFileNotice) => void;
}

/** 1 s, 2 s, 4 s… up to a minute between tries of a file that failed. */
const DEFAULT_RETRY: Backoff = exponential({ multiplier: 1000, max: 60_000 });
const DEFAULT_CHECK_MS = 1000;

const statPath = promisify(stat);
const statDescriptor = promisify(fstat);

/** A timer that must not keep the process alive on its own (a no-op for a fake clock). */
function unref(handle: TimerHandle): TimerHandle {
  (handle as { unref?: () => void }).unref?.();
  return handle;
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * mendkit's log file transport. It never holds the logger up: every line is handed to the file
 * stream at once, and each line stays known until the stream confirms it. When a write fails
 * (ENOSPC, EROFS, EIO, EBADF…) or the file cannot be opened, it says so once, sends the lines
 * not on disk — and every line after — to the console, and tries the file again with a backoff;
 * once a line reaches the file again it says so, with how many lines went to the console. It
 * also reopens the file when logrotate moved it (inode check, SIGHUP) and rotates it itself
 * when asked.
 */
export class LogFileTransport extends TransportStream {
  private sink: FileSink | undefined;
  /** Failures of the current file still being sorted out: lines meanwhile wait in `held`. */
  private settling = 0;
  private held: string[] = [];
  private work: Promise<void> = Promise.resolve();
  private down: { readonly since: number; diverted: number } | undefined;
  private attempt = 0;
  private previousDelayMs = 0;
  private retryTimer: TimerHandle | undefined;
  private checkTimer: TimerHandle | undefined;
  private stopped = false;
  private readonly path: string;
  private readonly clock: Clock;
  private readonly retry: Backoff;
  private readonly sinkEvents: SinkEvents = {
    written: (sink) => this.written(sink),
    failed: (sink, failure) => this.failed(sink, failure),
  };
  private readonly onHangup = () => this.reopen();

  constructor(private readonly options: LogFileTransportOptions) {
    super({ format: options.format });
    this.path = options.file.path;
    this.clock = options.file.clock ?? new RealClock();
    this.retry = options.file.retry ?? DEFAULT_RETRY;
  }

  /**
   * Opens the file now, so that a path that cannot be written is reported before the first line,
   * and starts watching for logrotate.
   */
  start(): void {
    this.open();
    const { rotate, reopenOnSighup, checkEveryMs = DEFAULT_CHECK_MS } = this.options.file;
    if (rotate !== undefined) return;
    if (checkEveryMs > 0) this.scheduleCheck(checkEveryMs);
    if (reopenOnSighup === true) process.on('SIGHUP', this.onHangup);
  }

  override log(info: Logform.TransformableInfo, next: () => void): void {
    const line = `${(info as unknown as Record<symbol, string>)[LINE]}\n`;
    if (this.sink !== undefined) this.sink.write(line);
    else if (this.settling > 0) this.held.push(line);
    else this.divert(line);
    next();
  }

  override close(): void {
    void this.stop();
  }

  override _final(callback: (error?: Error | null) => void): void {
    void this.stop()
      .then(() => this.work)
      .then(() => callback());
  }

  /** Stops the timers and closes the file once its lines are written; later lines go to the console. */
  private async stop(): Promise<void> {
    const sink = this.sink;
    this.sink = undefined;
    this.stopped = true;
    process.removeListener('SIGHUP', this.onHangup);
    if (this.retryTimer !== undefined) this.clock.clearTimer(this.retryTimer);
    if (this.checkTimer !== undefined) this.clock.clearTimer(this.checkTimer);
    this.retryTimer = this.checkTimer = undefined;
    await sink?.end();
  }

  private open(): void {
    try {
      const { stream, identity } = openLogFile(this.path, this.options.file.rotate);
      this.sink = new FileSink(stream, identity, this.sinkEvents);
    } catch (error) {
      this.goDown(error);
      this.scheduleRetry();
    }
  }

  /** Moves to a new file at the path; the old one finishes its writes (they are in the old file). */
  private reopen(): void {
    const old = this.sink;
    if (old === undefined || this.stopped) return;
    this.sink = undefined;
    this.open();
    void old.end();
  }

  private divert(line: string): void {
    this.options.fallback?.(line);
    if (this.down !== undefined) this.down.diverted++;
  }

  private goDown(error: unknown): void {
    if (this.down !== undefined) return;
    this.down = { since: this.clock.now(), diverted: 0 };
    this.options.say({
      level: 'warn',
      event: 'log.fallback',
      message: `cannot write the log file ${this.path} (${errorMessage(error)}); logging to the console until it works again`,
      fields: { path: this.path, error },
    });
  }

  private written(sink: FileSink): void {
    const { down } = this;
    if (sink !== this.sink || down === undefined) return;
    this.down = undefined;
    this.attempt = 0;
    this.previousDelayMs = 0;
    const downMs = this.clock.now() - down.since;
    this.options.say({
      level: 'info',
      event: 'log.recovered',
      message: `the log file ${this.path} works again after ${seconds(downMs)}; ${down.diverted} lines went to the console meanwhile`,
      fields: { path: this.path, divertedLines: down.diverted, downMs },
    });
  }

  private failed(sink: FileSink, failure: SinkFailure): void {
    const current = sink === this.sink;
    if (current) {
      this.sink = undefined;
      this.settling++;
      this.goDown(failure.error);
    }
    this.work = this.work.then(async () => {
      const missing = await settleTail(this.path, sink.identity, failure.lastWritten, failure.unwritten);
      for (const line of missing) this.divert(line);
      if (!current || --this.settling > 0) return;
      const held = this.held;
      this.held = [];
      for (const line of held) this.divert(line);
      this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer !== undefined || this.sink !== undefined) return;
    this.attempt++;
    const delay = nextDelay(this.retry, { attempt: this.attempt, previousDelayMs: this.previousDelayMs }, `createLogger(): \`file.retry\``, undefined, 'zero');
    this.previousDelayMs = delay;
    this.retryTimer = unref(
      this.clock.setTimer(delay, () => {
        this.retryTimer = undefined;
        if (!this.stopped && this.sink === undefined) this.open();
      }),
    );
  }

  private scheduleCheck(everyMs: number): void {
    this.checkTimer = unref(
      this.clock.setTimer(everyMs, () => {
        void this.check().finally(() => {
          if (!this.stopped) this.scheduleCheck(everyMs);
        });
      }),
    );
  }

  /** Reopens the file when the path no longer names the one open (logrotate `create`, a delete). */
  private async check(): Promise<void> {
    const sink = this.sink;
    if (sink?.identity === undefined) return;
    const now = await statPath(this.path).catch(() => undefined);
    if (now !== undefined && sameFile(now, sink.identity)) return;
    if (sink !== this.sink) return;
    const { fd } = sink.stream as unknown as { fd?: unknown };
    const links = typeof fd === 'number' ? (await statDescriptor(fd).catch(() => undefined))?.nlink : undefined;
    if (sink !== this.sink) return;
    this.reopen();
    if (links === 0) {
      this.options.say({
        level: 'warn',
        event: 'log.fileDeleted',
        message: `the log file ${this.path} was deleted while open; reopened it (lines of the last ${seconds(this.options.file.checkEveryMs ?? DEFAULT_CHECK_MS)} went with it)`,
        fields: { path: this.path },
      });
    }
  }
}
