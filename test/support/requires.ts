/**
 * What a test needs from the machine, checked once per process: each `require…()` returns false
 * when it is there, else the one-line reason to skip, for node:test's `skip` option —
 * `describe('…', { skip: requireRedis() || requireRoot() }, () => …)`.
 * With `MENDKIT_REQUIRE_SERVICES=1` (CI) a missing one throws instead, failing the file, so a run
 * can never go green by skipping.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { POSTGRES_URL, REDIS_URL } from './services';

/** A reason to skip, or false to run. */
export type Skip = string | false;

const strict = process.env.MENDKIT_REQUIRE_SERVICES === '1';
const PROBE = path.join(__dirname, 'probe.js');
const known = new Map<string, Skip>();

function check(key: string, missing: () => string | undefined): Skip {
  let skip = known.get(key);
  if (skip === undefined) {
    skip = missing() ?? false;
    known.set(key, skip);
  }
  if (skip !== false && strict) throw new Error(`MENDKIT_REQUIRE_SERVICES=1 and a test needs what is missing: ${skip}`);
  return skip;
}

function probe(kind: 'redis' | 'postgres', url: string): string | undefined {
  const child = spawnSync(process.execPath, [PROBE, kind, url], { encoding: 'utf8', timeout: 10_000 });
  const why = child.error?.message ?? child.stdout.trim();
  return why === '' ? undefined : why;
}

/** Redis at `MENDKIT_TEST_REDIS_URL` (default redis://127.0.0.1:6379) answers PING. */
export function requireRedis(): Skip {
  return check('redis', () => {
    const why = probe('redis', REDIS_URL);
    return why && `needs Redis at ${REDIS_URL} (set MENDKIT_TEST_REDIS_URL): ${why}`;
  });
}

/** PostgreSQL at `MENDKIT_TEST_POSTGRES_URL` (default postgres://postgres@127.0.0.1:5432/test) answers a query. */
export function requirePostgres(): Skip {
  return check('postgres', () => {
    const why = probe('postgres', POSTGRES_URL);
    return why && `needs PostgreSQL at ${POSTGRES_URL} (set MENDKIT_TEST_POSTGRES_URL): ${why}`;
  });
}

/** Root: to mount a tmpfs, switch to uid 65534 for a real EACCES, set immutable files. */
export function requireRoot(): Skip {
  return check('root', () => (process.getuid?.() === 0 ? undefined : 'needs root (mounts, uid switching)'));
}

/** Linux: /dev/full, /proc, inotify, prlimit. */
export function requireLinux(): Skip {
  return check('linux', () => (process.platform === 'linux' ? undefined : `needs Linux (this is ${process.platform})`));
}

/** An executable named `name` on the PATH (redis-server, psql, pg_dump, prlimit…). */
export function requireCommand(name: string): Skip {
  return check(`command ${name}`, () => {
    const found = (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
      try {
        accessSync(path.join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
    return found ? undefined : `needs the command ${name} on the PATH`;
  });
}

/** Where the browser tests find Chromium (Debian's `chromium` package). */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium at {@link CHROMIUM}, for the tests that render pages in a real browser. */
export function requireChromium(): Skip {
  return check('chromium', () => {
    try {
      accessSync(CHROMIUM, constants.X_OK);
      return undefined;
    } catch {
      return `needs Chromium at ${CHROMIUM} (apt-get install chromium)`;
    }
  });
}
