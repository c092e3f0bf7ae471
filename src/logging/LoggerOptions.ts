import type TransportStream from 'winston-transport';
import type { Level } from './levels';
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
   * A file to append JSON lines to, e.g. `/var/log/automation/script.log`. A missing directory
   * is created; a file that cannot be written (permission, a file where a directory should be)
   * (checked when the logger is made) makes it write to the console instead and say so once,
   * as a `log.fallback` line — never crash. @default none
   */
  readonly file?: string;
  /**
   * The shape of JSON lines (file, `console: 'json'`, and `transports` without their own
   * format): mendkit's own, or the Elastic Common Schema for ELK. @default 'mendkit'
   */
  readonly schema?: 'mendkit' | 'ecs';
  /** What to redact beyond the built-in secret keys and shapes (redaction is always on). @default {} */
  readonly redact?: RedactOptions;
  /**
   * More winston transports (a Splunk HEC or syslog transport, a `MemoryTransport` in tests).
   * Those without a format of their own receive JSON lines in `schema`. @default []
   */
  readonly transports?: readonly TransportStream[];
}
