import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createRedisClient } from '../redis/redisClient';
import { loadBullmq } from '../bullmq/loadBullmq';
import { errorMessage } from '../matching/errorFacts';
import type { ServeContext } from '../serve/ServeContext';

/** One check of `/readyz`: ok, or why not. */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail?: string;
}

/** How long `/readyz` waits for Redis to answer PING. */
const REDIS_DEADLINE_MS = 2000;

/** Jobs registered: a scheduler with none is not ready (a history-only server has no jobs to check). */
export function jobsRegistered({ scheduler }: ServeContext): CheckResult {
  if (scheduler === undefined) return { ok: true, detail: 'no scheduler in this process' };
  const count = scheduler.jobNames.length;
  return count > 0 ? { ok: true, detail: `${count} job(s)` } : { ok: false, detail: 'no jobs registered' };
}

/** The history is writable: its state directory (or, before the first run, the folder it will be made in). */
export async function historyWritable({ stateDir }: ServeContext): Promise<CheckResult> {
  if (stateDir === undefined) return { ok: true, detail: 'history not kept in files' };
  for (const dir of [stateDir, dirname(stateDir)]) {
    try {
      await access(dir, constants.W_OK);
      return { ok: true, detail: dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, detail: `${dir}: ${errorMessage(error)}` };
    }
  }
  return { ok: false, detail: `${stateDir} does not exist and cannot be made` };
}

/** Redis answers PING within two seconds, under `--redis`. */
export async function redisReachable({ redisUrl }: ServeContext): Promise<CheckResult | undefined> {
  if (redisUrl === undefined) return undefined;
  const client = createRedisClient(loadBullmq().ioredis, redisUrl, { policy: 'fail' });
  // The connection's own error says why (ECONNREFUSED…); the command only says it was closed.
  let cause: unknown;
  client.on('error', (error: unknown) => (cause = error));
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_DEADLINE_MS} ms`)), REDIS_DEADLINE_MS);
    });
    await Promise.race([client.ping(), late]);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: errorMessage(cause ?? error) };
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
