import type TransportStream from 'winston-transport';
import type { Level } from './levels';
import type { LogFileOptions } from './LogFileOptions';
import type { RedactOptions } from './Redactor';

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** The least severe level written. @default 'info' */
  readonly level?: Level;
  /**
   * The console output: `'pretty'` (readable lines for people, the level coloured on a TTY),
   * `'json'` (one JSON object a line, for a collector reading stdout) or `false`.
   * @default 'pretty' when stdout is a TTY, else 'json'
   */
  readonly console?: 'pretty' | 'json' | false;
  /**
   * A file to append JSON lines to, e.g. `/var/log/automation/script.log`, or {@link LogFileOptions}
   * for rotation and logrotate. A missing directory is created. A file that cannot be written —
   * when the logger is made (permission, a file where a directory should be) or later (full disk,
   * read-only volume, I/O error) — never crashes the program nor stops the other transports: its
   * lines go to the console, mendkit says so on stderr and as a `log.fallback` line, and tries
   * the file again until it works (`log.recovered`). @default none
   */
  readonly file?: string | LogFileOptions;
  /**
   * The shape of JSON lines (file, `console: 'json'`, and `transports` without their own
   * format): mendkit's own, or the Elastic Common Schema for ELK. @default 'mendkit'
   */
  readonly schema?: 'mendkit' | 'ecs';
  /** What to redact beyond the built-in secret keys and shapes (redaction is always on). @default {} */
  readonly redact?: RedactOptions;
  /**
   * More winston transports (a Splunk HEC or syslog transport, a `MemoryTransport` in tests).
   * Those without a format of their own receive JSON lines in `schema`. Each is kept behind a
   * guard, so one that stalls or errors cannot stop the others (see `docs/logging.md`). @default []
   */
  readonly transports?: readonly TransportStream[];
}
