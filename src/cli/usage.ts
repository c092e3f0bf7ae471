/** The help text of each command, and of `mendkit` itself. */
export const USAGE = Object.freeze({
  main: `Usage: mendkit <command> [options]

Commands:
  list <module>          list the jobs a module defines, with their triggers and next runs
  run <module> <job>     run one job once, now; the exit code tells the outcome
  start <module>         run the scheduler in the foreground (SIGTERM/SIGINT stop it gracefully)
  history                show recorded runs
  chaos <module> <job>   run a job many times under injected faults and report how it fared

A module is a JavaScript file that defines @Job classes (e.g. dist/jobs.js).
Run 'mendkit <command> --help' for a command's options.

Exit codes: 0 ok, 1 a run failed, was aborted or lost, 2 usage, 3 module not found, 4 no jobs in module,
            5 unknown job, 6 misconfigured job (bad cron expression…), 7 module failed to load,
            8 --redis: bullmq/ioredis not installed, or Redis unreachable (history),
            9 --http: the server cannot listen (port in use, address not this machine's),
            10 chaos: the report could not be written`,
  list: `Usage: mendkit list <module>

Lists the jobs <module> defines: name, trigger, next run for cron jobs, options.`,
  run: `Usage: mendkit run <module> <job> [--state-dir <dir>]

Runs <job> once, now, through its decorators (retries, catches, timeouts), and records the run.
Exits 0 when it succeeded, 1 when it failed or timed out.

Options:
  --state-dir <dir>   where the run history is kept (default: $MENDKIT_STATE_DIR or ./.mendkit)`,
  start: `Usage: mendkit start <module> [--state-dir <dir>] [--grace-ms <ms>] [--redis <url> [--queue <name>]]
                     [--http <address> [--http-token <token>]]

Runs the scheduler in the foreground. On SIGTERM or SIGINT it starts no new run, waits for
running ones up to the grace period, then aborts them; exits 0 when all finished, 1 otherwise.

Options:
  --state-dir <dir>   where the run history is kept (default: $MENDKIT_STATE_DIR or ./.mendkit)
  --grace-ms <ms>     how long running jobs get to finish on shutdown (default: 10000)
  --redis <url>       run the jobs on BullMQ over this Redis (e.g. redis://127.0.0.1:6379), shared
                      with every process started with the same --redis and --queue: each tick runs
                      once, and the run history is kept in Redis (needs: npm install bullmq ioredis)
  --queue <name>      the BullMQ queue (default: mendkit)
  --http <address>    serve HTTP endpoints on host:port, [ipv6]:port or a port (on 127.0.0.1); off by default
  --http-token <t>    the token actions need (Authorization: Bearer <t>), 16+ characters
                      (default: $MENDKIT_HTTP_TOKEN); without one the server is read-only and may
                      listen only on loopback`,
  history: `Usage: mendkit history [--job <name>] [--json] [--limit <n>] [--state-dir <dir> | --redis <url> [--queue <name>]]

Shows the last recorded runs, oldest first.

Options:
  --job <name>        only this job's runs
  --json              print the records as a JSON array
  --limit <n>         how many of the last runs (default: 20)
  --state-dir <dir>   where the run history is kept (default: $MENDKIT_STATE_DIR or ./.mendkit)
  --redis <url>       read the history the processes of a queue share in this Redis instead
  --queue <name>      the BullMQ queue (default: mendkit)`,
  chaos: `Usage: mendkit chaos <module> <job> [--runs <n>] [--rate <r>] [--seed <s>] [--faults <spec>]
                     [--json] [--html <file>] [--state-dir <dir>]

Runs <job> <n> times, one after another, through its decorators, with faults injected into its
attempts, and prints a report: runs, succeeded, failed, lost, attempts, retries, heals per healer,
failures per error code, attempts per run. Exits 0 when every run succeeded, 1 when one failed or
was lost (did not settle within 30 s), 10 when the report could not be written.

Time is compressed: every wait mendkit makes (backoff, Retry-After, injected latency, and the
job's interval between runs) returns at once and moves the clock forward instead, so 200 runs
with backoff take seconds. The job's own I/O runs in real time; @Timeout and timeoutMs also fire
in real time.

Options:
  --runs <n>          how many runs (default: 100)
  --rate <r>          the fault rate per attempt, 0 to 1, shared by the faults (default: 0.1)
  --seed <s>          replay the faults of an earlier chaos run (default: random, printed)
  --faults <spec>     which faults, in MENDKIT_FAULTS syntax
                      (default: ECONNRESET:fetch,ETIMEDOUT:fetch,http503:retryAfter=1)
  --json              print the report as one JSON object on the last line
  --html <file>       also write the report as one self-contained HTML page with charts
  --state-dir <dir>   record each run in this run history, and save the report (JSON and HTML) in
                      <dir>/chaos/ for the dashboard (default: not recorded)`,
});

/** A command the CLI knows. */
export type Command = Exclude<keyof typeof USAGE, 'main'>;
