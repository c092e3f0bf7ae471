import { readRedisHistory } from '../bullmq/readRedisHistory';
import { FileRunHistory } from '../jobs/FileRunHistory';
import type { RunHistory } from '../jobs/RunHistory';
import { type CommandInput, type Output, stateDir, stringOption } from './commands';
import { EXIT } from './exitCodes';
import { serveHttp } from './httpServer';

/** Where `mendkit dashboard` listens when not told. */
const DEFAULT_ADDRESS = '127.0.0.1:7070';

/** The history of `--redis` (read once per request, failing fast), else of the state directory. */
function historyOf(input: CommandInput): RunHistory {
  const url = stringOption(input, 'redis');
  if (url === undefined) return new FileRunHistory(stateDir(input));
  const location = { queue: stringOption(input, 'queue') };
  return {
    append: () => Promise.reject(new Error('the dashboard only reads the history')),
    read: (query) => readRedisHistory(url, location, query),
  };
}

/** Resolves on the first SIGTERM or SIGINT. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop).off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop).on('SIGINT', stop);
  });
}

/** `mendkit dashboard`: serves the dashboard over an existing history until a signal. */
export async function dashboard(input: CommandInput, io: Output): Promise<number> {
  const http = { address: stringOption(input, 'http') ?? DEFAULT_ADDRESS, token: stringOption(input, 'http-token') };
  const server = await serveHttp(http, { history: historyOf(input), stateDir: stateDir(input), redisUrl: stringOption(input, 'redis') }, io.err);
  await untilSignal();
  await server?.close();
  return EXIT.ok;
}
