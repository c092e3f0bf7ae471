import { checkKnownKeys, checkOneOf, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { checkLogFile } from './checkLogFile';
import { LEVELS } from './levels';
import type { LoggerOptions } from './LoggerOptions';

/** `createLogger`'s defaults (`console` is the default on a TTY; elsewhere it is `'json'`). */
export const LOGGER_DEFAULTS = Object.freeze({
  level: 'info',
  console: 'pretty',
  schema: 'mendkit',
} as const);

const SITE = 'createLogger()';

function checkStrings(field: string, value: unknown): void {
  if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === ''))) {
    throw new ConfigError(`${SITE}: \`${field}\` must be an array of non-empty strings`);
  }
}

/**
 * Checks `createLogger`'s options.
 * @throws ConfigError naming the field at fault, for an unknown option or a bad value.
 */
export function checkLoggerOptions(options: LoggerOptions): void {
  checkOptionsObject(SITE, options);
  checkKnownKeys(SITE, options, ['level', 'console', 'file', 'schema', 'redact', 'transports']);
  checkOneOf(SITE, 'level', options.level, Object.keys(LEVELS));
  checkOneOf(SITE, 'console', options.console, ['pretty', 'json', false]);
  checkOneOf(SITE, 'schema', options.schema, ['mendkit', 'ecs']);
  checkLogFile(SITE, options.file);
  checkOptionsObject(`${SITE}: \`redact\``, options.redact);
  if (options.redact !== undefined) {
    checkKnownKeys(`${SITE}: \`redact\``, options.redact, ['keys', 'paths']);
    checkStrings('redact.keys', options.redact.keys);
    checkStrings('redact.paths', options.redact.paths);
  }
  const { transports } = options;
  if (transports !== undefined && (!Array.isArray(transports) || transports.some((t) => typeof t?.log !== 'function'))) {
    throw new ConfigError(`${SITE}: \`transports\` must be an array of winston transports`);
  }
}
