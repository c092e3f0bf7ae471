/**
 * mendkit's demo: the three scheduled jobs in samples/ — api-sync, file-ingest, db-backup — each
 * run once, now, in this process, against local servers and with a few faults on purpose, and
 * what mendkit did about them: retries, heals, outcomes. Run: npm run demo
 */
import 'reflect-metadata';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { container } from 'tsyringe';
import { createLogger, format, transports } from 'winston';
import { configure, createLogger as createMendkitLogger, FaultInjector, faults, LOGGER, type RunRecord, Scheduler } from 'mendkit';
import { startRecordsApi } from './records-api';

/** The lines worth showing a newcomer, by event, with the word printed before each. */
const SHOWN: Readonly<Record<string, string>> = {
  'fault.injected': 'fault',
  'retry.scheduled': 'retry',
  'retry.exhausted': 'gave up',
  'heal.start': 'heal',
  'heal.success': 'healed',
  'heal.failure': 'heal failed',
  'catch.handled': 'caught',
  'apiSync.written': 'wrote',
  'ingest.file': 'ingested',
  'ingest.rejected': 'rejected',
  'backup.written': 'wrote',
};

/**
 * mendkit's lines as short readable ones (`  retry    ApiSyncJob.run attempt 1 failed …`), or,
 * with `--json`, every structured line as it is.
 */
function demoLogger() {
  if (process.argv.includes('--json')) return createMendkitLogger({ level: 'info', console: 'json' });
  const shown = format((info) => (typeof info.event === 'string' && info.event in SHOWN ? info : false));
  const line = format.printf((info) => `  ${SHOWN[info.event as string]!.padEnd(11)} ${String(info.message)}`);
  return createLogger({ level: 'info', format: format.combine(shown(), line), transports: [new transports.Console()] });
}

/** Whether something answers on host:port within a second. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
  });
}

function outcome(record: RunRecord): string {
  const heals = record.heals === 0 ? '' : `, ${record.heals} heal${record.heals === 1 ? '' : 's'}`;
  const attempts = `${record.attempts} attempt${record.attempts === 1 ? '' : 's'}${heals}`;
  return record.outcome === 'succeeded'
    ? `  => ${record.job} succeeded in ${record.durationMs} ms (${attempts})`
    : `  => ${record.job} ${record.outcome} after ${record.durationMs} ms (${attempts}): ${record.errorCode}: ${record.error}`;
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'mendkit-demo-'));
  // The run history outlives the demo, for the dashboard it ends by offering.
  const stateDir = await mkdtemp(path.join(tmpdir(), 'mendkit-demo-state-'));
  // The records API throttles every 3rd page request (429, Retry-After: 1 s); a token serves 2 pages.
  const api = await startRecordsApi({ resetEvery: 0, throttleEvery: 3, tokenUses: 2 });
  try {
    // The samples read their settings from the environment, so set it before loading them.
    Object.assign(process.env, {
      API_SYNC_URL: api.url,
      API_SYNC_DIR: path.join(root, 'records'),
      INGEST_DIR: path.join(root, 'ingest'),
      BACKUP_DIR: path.join(root, 'backups'),
    });
    const { ApiSyncJob } = await import('./api-sync.js');
    const { FileIngestJob } = await import('./file-ingest.js');
    const { DbBackupJob } = await import('./db-backup.js');

    container.register(LOGGER, { useValue: demoLogger() });
    // Faults on purpose, each once: a reset connection for api-sync, a refused one for db-backup.
    const injector = new FaultInjector({
      seed: 1,
      rules: [
        { target: ApiSyncJob, rate: 1, times: 1, fault: faults.network('ECONNRESET', { fetch: true }) },
        { target: DbBackupJob, rate: 1, times: 1, fault: faults.network('ECONNREFUSED', { port: 5432 }) },
      ],
    });
    container.register(FaultInjector, { useValue: injector });
    configure({ container });
    const scheduler = new Scheduler({ jobs: [ApiSyncJob, FileIngestJob, DbBackupJob], stateDir });

    console.log('mendkit demo: three scheduled jobs from samples/, each run once, now, with faults on purpose.\n');

    console.log('api-sync: pulls 3 pages of records from a local API that throttles (429) and expires tokens (401),');
    console.log('          with one connection reset injected, into a directory that does not exist yet');
    console.log(outcome(await scheduler.runNow('api-sync')));

    const inbox = path.join(root, 'ingest', 'inbox');
    await mkdir(inbox, { recursive: true });
    await writeFile(path.join(inbox, 'orders-1.jsonl'), '{"id":"o-1","amount":12.5}\n{"id":"o-2","amount":3}\n');
    await writeFile(path.join(inbox, 'orders-2.jsonl'), '{"id":"o-3","amount":99.99}\n');
    await writeFile(path.join(inbox, 'orders-3.jsonl'), '{"id":"o-4","amount":\n');
    console.log('\nfile-ingest: processes the files in an inbox, each output written atomically, each file moved to done/;');
    console.log('             one file is not valid JSON');
    console.log(outcome(await scheduler.runNow('file-ingest')));

    const host = process.env.PGHOST ?? '127.0.0.1';
    const port = Number(process.env.PGPORT ?? 5432);
    console.log('\ndb-backup: dumps PostgreSQL with pg_dump into a backup directory that does not exist yet,');
    console.log('           with one refused connection injected');
    if (await answers(host, port)) {
      console.log(outcome(await scheduler.runNow('db-backup')));
    } else {
      console.log(`  => skipped: PostgreSQL does not answer on ${host}:${port} (start it, or set PGHOST/PGPORT, and run the demo again)`);
    }

    console.log(`\nfaults injected: ${JSON.stringify(injector.injected())}; files written under ${root} (removed now)`);
    console.log('More: npm run chaos (api-sync 200 times under faults), node dist/samples/failover.js, the README.');
    console.log('\nThese runs in a browser (retries, heals, errors), served on http://127.0.0.1:7070 until Ctrl-C:');
    console.log(`  node dist/src/cli/main.js dashboard --state-dir ${stateDir}`);
  } finally {
    await api.close();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
