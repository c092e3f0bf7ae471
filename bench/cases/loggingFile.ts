import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger as createWinstonLogger, type Logger, transports } from 'winston';
import { createLogger } from 'mendkit';
import { type MeasureOptions, median } from '../measure';
import type { CaseResult } from '../report';

type MakeLogger = (file: string) => Logger;

/**
 * Ns per line to log `lines` lines (a turn of the event loop every 256, as a busy program gives)
 * and have every one of them in the file: the logger is ended and its `finish` awaited. Timing
 * calls alone would be unfair: winston's File transport defers its backlog past a stalled
 * `drain`, into whatever is timed next.
 */
async function perLine(make: MakeLogger, dir: string, round: number, lines: number): Promise<number> {
  const logger = make(join(dir, `${round}.log`));
  const start = process.hrtime.bigint();
  for (let seq = 0; seq < lines; seq++) {
    logger.info('exported the nightly batch', { event: 'bench.line', component: 'Exporter.run', seq, rows: 1200 });
    if (seq % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => {
    logger.on('finish', resolve);
    logger.end();
  });
  return Number(process.hrtime.bigint() - start) / lines;
}

/**
 * `createLogger({ file })` (mendkit's file transport: failover, reopen checks) against winston's
 * own File transport under the same logger format and line format, both appending to real files,
 * in alternating rounds of the same run.
 */
export async function loggedFile(options: MeasureOptions): Promise<CaseResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mendkit-bench-file-'));
  const mendkit: MakeLogger = (file) => createLogger({ console: false, file });
  // Never logs: lends winston its logger format and its line format (the JSON console's).
  const like = createLogger({ console: 'json' });
  const winston: MakeLogger = (file) =>
    createWinstonLogger({
      levels: like.levels,
      level: like.level,
      format: like.format,
      transports: [new transports.File({ filename: file, format: like.transports[0]!.format })],
    });
  const lines = Math.min(options.calls, 20_000);
  try {
    await perLine(mendkit, dir, -1, lines);
    await perLine(winston, dir, -2, lines);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      theirs.push(await perLine(winston, dir, 2 * round, lines));
      ours.push(await perLine(mendkit, dir, 2 * round + 1, lines));
    }
    const baseline = median(theirs);
    const subject = median(ours);
    return [
      { name: 'winston-file', nsPerCall: baseline, ratioToBare: 1, against: 'winston-file' },
      { name: 'logged-file', nsPerCall: subject, ratioToBare: subject / baseline, against: 'winston-file' },
    ];
  } finally {
    like.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
