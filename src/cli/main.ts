#!/usr/bin/env node
/**
 * The `mendkit` command: list, run, start, history, chaos. Logs go to stderr as JSON lines (unless the
 * module registers its own LOGGER); results go to stdout.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { container } from 'tsyringe';
import { createLogger, format, type Logger, transports } from 'winston';
import { LOGGER } from '../di/tokens';
import { closeLogger } from '../logging/closeLogger';
import { errorMessage } from '../matching/errorFacts';
import { chaos } from './chaos';
import { type CommandInput, history, list, type Output, run, start } from './commands';
import { CliFailure, EXIT } from './exitCodes';
import { type Command, USAGE } from './usage';

/** The wait for the logger at exit, unless `MENDKIT_EXIT_FLUSH_MS` says otherwise. */
const EXIT_FLUSH_MS = 5000;

const COMMANDS: Readonly<Record<Command, (input: CommandInput, io: Output) => Promise<number>>> = { list, run, start, history, chaos };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'state-dir': { type: 'string' },
  'grace-ms': { type: 'string' },
  job: { type: 'string' },
  json: { type: 'boolean' },
  limit: { type: 'string' },
  runs: { type: 'string' },
  rate: { type: 'string' },
  seed: { type: 'string' },
  faults: { type: 'string' },
  html: { type: 'string' },
  redis: { type: 'string' },
  queue: { type: 'string' },
  http: { type: 'string' },
  'http-token': { type: 'string' },
} as const;

/** Which options each command takes (besides --help). */
const ACCEPTS: Readonly<Record<Command, readonly string[]>> = {
  list: [],
  run: ['state-dir'],
  start: ['state-dir', 'grace-ms', 'redis', 'queue', 'http', 'http-token'],
  history: ['job', 'json', 'limit', 'state-dir', 'redis', 'queue'],
  chaos: ['runs', 'rate', 'seed', 'faults', 'json', 'html', 'state-dir'],
};

const io: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // On a terminal the status line is redrawn in place (carriage return, erase line).
  ...(process.stderr.isTTY ? { status: (line: string) => process.stderr.write(`\r\x1b[K${line}`) } : {}),
};

function isCommand(name: string | undefined): name is Command {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliFailure(EXIT.usage, `${errorMessage(error)}; see 'mendkit --help'`);
  }
}

/** Runs the command line `args` (without node and the script); resolves with the exit code. */
async function main(args: readonly string[]): Promise<number> {
  const { positionals, values } = parse(args);
  const [name, ...rest] = positionals;
  if (!isCommand(name)) {
    if (values.help === true || name === 'help') {
      io.out(USAGE.main);
      return EXIT.ok;
    }
    if (name === undefined) {
      io.err(USAGE.main);
      return EXIT.usage;
    }
    throw new CliFailure(EXIT.usage, `unknown command '${name}'; commands: ${Object.keys(COMMANDS).join(', ')}`);
  }
  if (values.help === true) {
    io.out(USAGE[name]);
    return EXIT.ok;
  }
  const unexpected = Object.keys(values).find((option) => !ACCEPTS[name].includes(option));
  if (unexpected !== undefined) throw new CliFailure(EXIT.usage, `${name}: unknown option --${unexpected}; see 'mendkit ${name} --help'`);
  return COMMANDS[name]({ positionals: rest, options: values }, io);
}

// Results own stdout, so mendkit's own lines go to stderr unless the module registers a logger.
if (!container.isRegistered(LOGGER, true)) {
  container.register(LOGGER, {
    useValue: createLogger({
      level: process.env.MENDKIT_LOG_LEVEL ?? 'info',
      format: format.combine(format.timestamp(), format.json()),
      transports: [new transports.Console({ stderrLevels: ['critical', 'error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] })],
    }),
  });
}

/** How long the CLI waits at exit for the logger's transports (alerts being delivered, files), in ms. */
function exitFlushMs(): number {
  const raw = process.env.MENDKIT_EXIT_FLUSH_MS;
  const value = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(value) && value >= 0 ? value : EXIT_FLUSH_MS;
}

function isWinstonLogger(value: unknown): value is Logger {
  return typeof (value as Logger | undefined)?.end === 'function' && Array.isArray((value as Logger).transports);
}

/**
 * Exits once the logger has delivered what it holds (a run's failure alert, a summary of held-back
 * ones), waiting at most `exitFlushMs()`; what could not be delivered by then is reported.
 */
async function exit(code: number): Promise<never> {
  const logger: unknown = container.isRegistered(LOGGER, true) ? container.resolve(LOGGER) : undefined;
  // Any winston logger (the module's own may come from another copy of winston).
  if (isWinstonLogger(logger)) await closeLogger(logger, exitFlushMs());
  await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
  process.exit(code);
}

// A process warning (an alert that could not be delivered…) is one line on stderr, like mendkit's
// other messages, rather than Node's two. Left alone when warnings are off (--no-warnings).
if (process.listenerCount('warning') > 0) {
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error & { code?: string }) => io.err(`mendkit: warning${warning.code ? ` [${warning.code}]` : ''}: ${warning.message}`));
}

main(process.argv.slice(2)).then(exit, (error: unknown) => {
  if (error instanceof CliFailure) {
    io.err(`mendkit: ${error.message}`);
    return exit(error.exitCode);
  }
  io.err(`mendkit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return exit(EXIT.runFailed);
});
