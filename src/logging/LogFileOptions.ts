import type { Backoff } from '../backoff/Backoff';
import type { Clock } from '../clock/Clock';

/**
 * Built-in rotation of the log file, logrotate's way: the file keeps its path (what a forwarder
 * tails) and rotated files become `script.log.1`, `script.log.2`… (`.gz` when gzipped), the
 * oldest past `keep` removed. Done by the `rotating-file-stream` library.
 * @example { maxSize: '50M', daily: true, keep: 14, gzip: true }
 */
export interface LogRotation {
  /**
   * Rotate once the file reaches this size: bytes, or a number with a unit `B`, `K`, `M` or `G`
   * (`'50M'`). @default no size limit
   */
  readonly maxSize?: number | string;
  /** Rotate at local midnight. @default false */
  readonly daily?: boolean;
  /** How many rotated files to keep. @default 7 */
  readonly keep?: number;
  /** Gzip rotated files (`script.log.1.gz`). @default false */
  readonly gzip?: boolean;
}

/**
 * The log file of `createLogger`, with its options. A file that cannot take lines (full disk,
 * read-only volume, I/O error) never stops the other transports: its lines go to the console,
 * mendkit says so on stderr, and the file is retried until it works again.
 * @example
 * createLogger({ file: { path: '/var/log/automation/script.log', rotate: { maxSize: '50M', keep: 5, gzip: true } } });
 */
export interface LogFileOptions {
  /** The file to append JSON lines to; a missing directory is created. */
  readonly path: string;
  /**
   * Rotate the file in-process (by size and/or daily). Leave it out when logrotate rotates the
   * file instead. @default none
   */
  readonly rotate?: LogRotation;
  /**
   * Reopen the file on SIGHUP, for logrotate's `create` mode with `postrotate kill -HUP`. Off by
   * default because listening to SIGHUP stops it from ending the process. Not with `rotate`.
   * @default false
   */
  readonly reopenOnSighup?: boolean;
  /**
   * How often, in ms, to check that the path still names the open file (logrotate's `create` mode
   * renamed it, or someone deleted it) and reopen it if not; 0 never checks. Not with `rotate`.
   * @default 1000
   */
  readonly checkEveryMs?: number;
  /**
   * The wait before each new try of a file that failed. @default exponential: 1 s, 2 s, 4 s… up
   * to 60 s
   */
  readonly retry?: Backoff;
  /** Where the retry and check timers come from: a `FakeClock` in tests. @default the real clock */
  readonly clock?: Clock;
}
