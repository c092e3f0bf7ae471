/** The `mendkit` command's exit codes, one per way it can end. */
export const EXIT = Object.freeze({
  ok: 0,
  /** `run`: the run failed or timed out; `start`: a run had to be aborted at shutdown; `chaos`: a run failed or was lost. */
  runFailed: 1,
  /** Unknown command or option, missing argument. */
  usage: 2,
  moduleNotFound: 3,
  noJobs: 4,
  unknownJob: 5,
  /** The module's jobs are misconfigured: a bad cron expression, two triggers, an unknown option… */
  badConfig: 6,
  /** The module threw something else while loading. */
  moduleFailed: 7,
  /** `--redis`: bullmq or ioredis is not installed, or (`history`) Redis cannot be reached. */
  redisUnavailable: 8,
  /** `--http`: the server cannot listen (the port is in use, the address is not this machine's…). */
  httpUnavailable: 9,
  /** `chaos`: the report could not be written (`--html` or `--state-dir`): a missing folder, no permission… */
  reportNotWritten: 10,
});

/** A failure the CLI reports as one line on stderr and an exit code. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
