import { checkInteger, checkKnownKeys, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';

/** Options of {@link FileRunHistory}: how the history is rotated. */
export interface FileRunHistoryOptions {
  /**
   * Once `runs.jsonl` would grow past this many bytes, it is renamed to
   * `runs.<UTC time>.<pid>.<n>.jsonl` and a new one is started.
   * @default $MENDKIT_HISTORY_MAX_BYTES, else 33554432 (32 MiB, about 100,000 records)
   */
  readonly maxFileBytes?: number;
  /**
   * How many files are kept, `runs.jsonl` included; the oldest rotated ones are removed. The
   * history takes at most `maxFiles × maxFileBytes` on disk.
   * @default $MENDKIT_HISTORY_MAX_FILES, else 5
   */
  readonly maxFiles?: number;
}

/** {@link FileRunHistoryOptions}' defaults, when the environment does not set them. */
export const FILE_HISTORY_DEFAULTS = Object.freeze({ maxFileBytes: 32 * 1024 * 1024, maxFiles: 5 });

function fromEnv(name: string, minimum: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new ConfigError(`${name} must be an integer ≥ ${minimum}, got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * The rotation settings: the options given, else the environment, else the defaults.
 * @throws ConfigError for an unknown option, or a value (or variable) that is not an integer ≥ 1.
 */
export function fileHistorySettings(options: FileRunHistoryOptions): Required<FileRunHistoryOptions> {
  const site = 'FileRunHistory';
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['maxFileBytes', 'maxFiles']);
  checkInteger(site, 'maxFileBytes', options.maxFileBytes, 1);
  checkInteger(site, 'maxFiles', options.maxFiles, 1);
  return {
    maxFileBytes: options.maxFileBytes ?? fromEnv('MENDKIT_HISTORY_MAX_BYTES', 1) ?? FILE_HISTORY_DEFAULTS.maxFileBytes,
    maxFiles: options.maxFiles ?? fromEnv('MENDKIT_HISTORY_MAX_FILES', 1) ?? FILE_HISTORY_DEFAULTS.maxFiles,
  };
}
