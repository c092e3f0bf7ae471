import { ConfigError } from '../errors/ConfigError';

/** Whether `error` says that the package `name` itself (not one of its files) cannot be found. */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`);
}

/**
 * Loads optional peer packages on first use, so that `mendkit` itself never needs them: only
 * those who use `purpose` install them.
 * @throws ConfigError naming `purpose` and the packages to install when any is missing.
 */
export function loadPeers<N extends string>(names: readonly N[], purpose: string, load: (name: string) => unknown = require): Record<N, unknown> {
  const missing = names.filter((name) => {
    try {
      load(name);
      return false;
    } catch (error) {
      if (isMissing(error, name)) return true;
      throw error;
    }
  });
  if (missing.length > 0) {
    throw new ConfigError(
      `${purpose} needs the package${missing.length === 1 ? '' : 's'} ` +
        `${missing.join(' and ')}, not installed here: npm install ${names.join(' ')}`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, load(name)])) as Record<N, unknown>;
}
