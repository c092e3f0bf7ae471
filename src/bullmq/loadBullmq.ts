import type * as Bullmq from 'bullmq';
import type * as IORedis from 'ioredis';
import { ConfigError } from '../errors/ConfigError';

/** The two optional peer packages the Redis backend runs on. */
export interface BullmqModules {
  readonly bullmq: typeof Bullmq;
  readonly ioredis: typeof IORedis;
}

const PACKAGES = ['bullmq', 'ioredis'] as const;

/** Whether `error` says that the package `name` itself (not one of its files) cannot be found. */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`);
}

/**
 * Loads `bullmq` and `ioredis` on first use, so that `mendkit` itself never needs them: they are
 * optional peer dependencies, installed only by those who run jobs on Redis.
 * @throws ConfigError naming the packages to install when either is missing.
 */
export function loadBullmq(load: (name: string) => unknown = require): BullmqModules {
  const missing = PACKAGES.filter((name) => {
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
      `running jobs on Redis (mendkit/bullmq, --redis) needs the package${missing.length === 1 ? '' : 's'} ` +
        `${missing.join(' and ')}, not installed here: npm install ${PACKAGES.join(' ')}`,
    );
  }
  return { bullmq: load('bullmq') as typeof Bullmq, ioredis: load('ioredis') as typeof IORedis };
}
