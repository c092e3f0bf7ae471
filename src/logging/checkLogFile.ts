import { checkFunction, checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import type { LogFileOptions } from './LogFileOptions';

const FILE_KEYS = ['path', 'rotate', 'reopenOnSighup', 'checkEveryMs', 'retry', 'clock'];
const ROTATE_KEYS = ['maxSize', 'daily', 'keep', 'gzip'];
/** What `rotating-file-stream` reads as a size: a whole number and one unit. */
const SIZE = /^[1-9]\d*[BKMG]$/;

function checkMaxSize(site: string, value: unknown): void {
  const bytes = typeof value === 'number' && Number.isInteger(value) && value > 0;
  if (value !== undefined && !bytes && !(typeof value === 'string' && SIZE.test(value))) {
    throw new ConfigError(`${site}: \`file.rotate.maxSize\` must be a whole number of bytes > 0 or a string such as '50M' (units B, K, M, G), got ${JSON.stringify(value)}`);
  }
}

function checkRotate(site: string, file: LogFileOptions): void {
  const { rotate } = file;
  checkOptionsObject(`${site}: \`file.rotate\``, rotate);
  if (rotate === undefined) return;
  checkKnownKeys(`${site}: \`file.rotate\``, rotate, ROTATE_KEYS);
  checkMaxSize(site, rotate.maxSize);
  checkOneOf(site, 'file.rotate.daily', rotate.daily, [true, false]);
  checkOneOf(site, 'file.rotate.gzip', rotate.gzip, [true, false]);
  checkInteger(site, 'file.rotate.keep', rotate.keep, 1);
  if (rotate.maxSize === undefined && rotate.daily !== true) {
    throw new ConfigError(`${site}: \`file.rotate\` needs \`maxSize\` or \`daily: true\`, else it never rotates`);
  }
  if (file.reopenOnSighup !== undefined || file.checkEveryMs !== undefined) {
    throw new ConfigError(`${site}: \`file.rotate\` rotates the file itself; \`reopenOnSighup\` and \`checkEveryMs\` are for a file that logrotate rotates: use one or the other`);
  }
}

/**
 * Checks `createLogger`'s `file` option: a path, or {@link LogFileOptions}.
 * @throws ConfigError naming the field at fault.
 */
export function checkLogFile(site: string, file: unknown): void {
  if (file === undefined) return;
  if (typeof file === 'string') {
    if (file === '') throw new ConfigError(`${site}: \`file\` must be a non-empty path`);
    return;
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new ConfigError(`${site}: \`file\` must be a path or an object with a \`path\`, got ${String(file)}`);
  }
  checkKnownKeys(`${site}: \`file\``, file, FILE_KEYS);
  const options = file as LogFileOptions;
  if (typeof options.path !== 'string' || options.path === '') throw new ConfigError(`${site}: \`file.path\` must be a non-empty path`);
  checkOneOf(site, 'file.reopenOnSighup', options.reopenOnSighup, [true, false]);
  checkNonNegative(site, 'file.checkEveryMs', options.checkEveryMs);
  checkFunction(site, 'file.retry', options.retry);
  const { clock } = options;
  if (clock !== undefined && (typeof clock !== 'object' || clock === null || ['now', 'setTimer', 'clearTimer'].some((name) => typeof (clock as unknown as Record<string, unknown>)[name] !== 'function'))) {
    throw new ConfigError(`${site}: \`file.clock\` must be a Clock (now, setTimer, clearTimer)`);
  }
  checkRotate(site, options);
}
