import { BullmqRunner } from '../bullmq/BullmqRunner';
import { BULLMQ_DEFAULTS } from '../bullmq/BullmqRunnerOptions';
import { readRedisHistory } from '../bullmq/readRedisHistory';
import { isMendkitError } from '../errors/MendkitError';
import { FileRunHistory } from '../jobs/FileRunHistory';
import { describeTrigger } from '../jobs/JobSettings';
import type { HistoryQuery } from '../jobs/RunHistory';
import type { RunRecord } from '../jobs/RunRecord';
import { Scheduler } from '../jobs/Scheduler';
import { defaultStateDir } from '../jobs/SchedulerOptions';
import { shutdownOnSignals } from '../jobs/shutdownOnSignals';
import { UnknownJobError } from '../errors/UnknownJobError';
import { errorMessage } from '../matching/errorFacts';
import { CliFailure, EXIT } from './exitCodes';
import { serveHttp } from './httpServer';
import { type LoadedJob, loadJobModule } from './loadJobModule';

/** How many runs `history` shows when not told. */
const HISTORY_LIMIT = 20;

/** What a command is given: its positional arguments and its parsed options. */
export interface CommandInput {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** Output streams, so tests of the commands need no child process. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /**
   * On a terminal: shows `line` as the one status line, replacing the previous one (`''` clears
   * it). Absent when stderr is not a terminal: commands then write a few plain lines instead.
   */
  status?(line: string): void;
}

/** A positional argument of `command`. @throws CliFailure (usage) when it is missing. */
export function required(input: CommandInput, index: number, what: string, command: string): string {
  const value = input.positionals[index];
  if (value === undefined) throw new CliFailure(EXIT.usage, `${command}: missing ${what}; see 'mendkit ${command} --help'`);
  return value;
}

/** `--state-dir`, else the default state directory. */
export function stateDir(input: CommandInput): string {
  return typeof input.options['state-dir'] === 'string' ? input.options['state-dir'] : defaultStateDir();
}

/**
 * An integer option ≥ `min`, if given, in plain digits (not `1e3`, `0x10` or empty).
 * @throws CliFailure (usage), with one message whatever is wrong with it.
 */
export function integerOption(input: CommandInput, name: string, min: number): number | undefined {
  const raw = input.options[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new CliFailure(EXIT.usage, `--${name} must be an integer ≥ ${min}, got ${String(raw)}`);
  }
  return value;
}

function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** With `--redis`, the BullMQ runner for it (on `--queue`); a missing bullmq/ioredis is a clear failure. */
function redisRunner(input: CommandInput): BullmqRunner | undefined {
  const connection = stringOption(input, 'redis');
  if (connection === undefined) return undefined;
  try {
    return new BullmqRunner({ connection, queue: stringOption(input, 'queue') });
  } catch (error) {
    if (isMendkitError(error, 'MENDKIT_CONFIG')) throw new CliFailure(EXIT.redisUnavailable, error.message);
    throw error;
  }
}

function nextRun({ settings }: LoadedJob): string {
  if (settings.trigger.kind !== 'cron') return '';
  const at = settings.trigger.schedule.nextAfter(Date.now());
  return at === undefined ? 'next: never' : `next: ${new Date(at).toISOString()}`;
}

/** `mendkit list <module>`. */
export async function list(input: CommandInput, io: Output): Promise<number> {
  const jobs = await loadJobModule(required(input, 0, 'the module', 'list'));
  for (const job of jobs) {
    const { name, overlap, runOnStart, timeoutMs, catchUp } = job.settings;
    const flags = [
      `overlap: ${overlap}`,
      runOnStart ? 'runOnStart' : '',
      catchUp ? 'catchUp' : '',
      timeoutMs === undefined ? '' : `timeout: ${timeoutMs} ms`,
    ].filter(Boolean);
    io.out([name, describeTrigger(job.settings.trigger), nextRun(job), flags.join(', ')].filter(Boolean).join('  ·  '));
  }
  return EXIT.ok;
}

function summary(record: RunRecord): string {
  const attempts = `${record.attempts} attempt${record.attempts === 1 ? '' : 's'}`;
  const heals = record.heals > 0 ? `, ${record.heals} heal${record.heals === 1 ? '' : 's'}` : '';
  const failure = record.errorCode === undefined ? '' : ` — ${record.errorCode}: ${record.error ?? ''}`;
  return `${record.job}: ${record.outcome} in ${record.durationMs} ms (${attempts}${heals})${failure}`;
}

/** `mendkit run <module> <job>`. */
export async function run(input: CommandInput, io: Output): Promise<number> {
  const jobs = await loadJobModule(required(input, 0, 'the module', 'run'));
  const name = required(input, 1, 'the job name', 'run');
  const scheduler = new Scheduler({ jobs: jobs.map((job) => job.jobClass), stateDir: stateDir(input) });
  let record: RunRecord;
  try {
    record = await scheduler.runNow(name);
  } catch (error) {
    if (error instanceof UnknownJobError) throw new CliFailure(EXIT.unknownJob, error.message);
    throw error;
  }
  io.out(summary(record));
  return record.outcome === 'succeeded' ? EXIT.ok : EXIT.runFailed;
}

/** `mendkit start <module>`: resolves with the exit code once stopped by a signal. */
export async function start(input: CommandInput, io: Output): Promise<number> {
  const jobs = await loadJobModule(required(input, 0, 'the module', 'start'));
  const runner = redisRunner(input);
  const scheduler = new Scheduler({
    jobs: jobs.map((job) => job.jobClass),
    stateDir: stateDir(input),
    graceMs: integerOption(input, 'grace-ms', 0),
    ...(runner === undefined ? {} : { runner, history: runner.history }),
  });
  const http = { address: stringOption(input, 'http'), token: stringOption(input, 'http-token') };
  const server = await serveHttp(http, { scheduler, history: scheduler.history, stateDir: stateDir(input), redisUrl: stringOption(input, 'redis') }, io.err);
  const stopped = new Promise<number>((resolve) => shutdownOnSignals(scheduler, { exit: false, onStopped: resolve }));
  try {
    await scheduler.start();
  } catch (error) {
    await server?.close(); // nothing is left listening when the scheduler cannot start
    throw error;
  }
  io.err(`mendkit: ${scheduler.jobNames.length} job(s) scheduled: ${scheduler.jobNames.join(', ')}; SIGTERM or Ctrl-C stops`);
  const code = await stopped;
  await server?.close();
  await runner?.close(); // BullMQ hears that this process's runs ended before the process exits
  return code;
}

/** The records `history` shows: from Redis with `--redis`, else from the state directory. */
async function readHistory(input: CommandInput, query: HistoryQuery): Promise<RunRecord[]> {
  const url = stringOption(input, 'redis');
  if (url === undefined) return new FileRunHistory(stateDir(input)).read(query);
  try {
    return await readRedisHistory(url, { queue: stringOption(input, 'queue') }, query);
  } catch (error) {
    throw new CliFailure(EXIT.redisUnavailable, errorMessage(error));
  }
}

/** `mendkit history`: the records on stdout; how many lines were skipped, if any, on stderr. */
export async function history(input: CommandInput, io: Output): Promise<number> {
  const job = typeof input.options.job === 'string' ? input.options.job : undefined;
  const skipped = { torn: 0, 'not a run record': 0 };
  const records = await readHistory(input, { job, limit: integerOption(input, 'limit', 1) ?? HISTORY_LIMIT, onSkipped: (reason) => (skipped[reason] += 1) });
  const skippedLines = skipped.torn + skipped['not a run record'];
  if (skippedLines > 0) {
    io.err(`mendkit: ${skippedLines} line(s) skipped among those read: ${skipped.torn} torn (not JSON: cut short by a crash?), ${skipped['not a run record']} not run records`);
  }
  if (input.options.json === true) {
    io.out(JSON.stringify(records, null, 2));
    return EXIT.ok;
  }
  if (records.length === 0) {
    const where = stringOption(input, 'redis') === undefined ? stateDir(input) : `Redis (queue ${stringOption(input, 'queue') ?? BULLMQ_DEFAULTS.queue})`;
    io.out(`no runs recorded${job === undefined ? '' : ` for ${job}`} in ${where}`);
    return EXIT.ok;
  }
  for (const record of records) io.out(`${record.startedAt}  ${record.trigger.padEnd(7)}  ${summary(record)}`);
  return EXIT.ok;
}
