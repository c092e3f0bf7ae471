/**
 * Where the tests find Redis and PostgreSQL: 127.0.0.1 by default, as on the CI machines.
 * `MENDKIT_TEST_REDIS_URL` and `MENDKIT_TEST_POSTGRES_URL` point them elsewhere (a closed port
 * shows what a contributor without the service sees: the tests that need it skipped).
 */
export const REDIS_URL = process.env.MENDKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A PostgreSQL the tests may create and drop databases in (trust auth on the CI machines). */
export const POSTGRES_URL = process.env.MENDKIT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** {@link POSTGRES_URL} as libpq's variables, for `psql`, `pg_dump` and the db-backup sample. */
export function postgresEnv(): Record<'PGHOST' | 'PGPORT' | 'PGUSER' | 'PGDATABASE', string> {
  const url = new URL(POSTGRES_URL);
  return {
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username) || 'postgres',
    PGDATABASE: url.pathname.slice(1) || 'postgres',
  };
}
