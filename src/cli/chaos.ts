import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChaosProgress } from '../chaos/ChaosOptions';
import type { ChaosReport } from '../chaos/ChaosReport';
import { chaosReportHtml } from '../chaos/chaosReportHtml';
import type { SavedChaosReport } from '../chaos/SavedChaosReport';
import { saveChaosReport } from '../chaos/saveChaosReport';
import { chaosReportJson, formatChaosReport } from '../chaos/formatChaosReport';
import { runChaos } from '../chaos/runChaos';
import { isMendkitError } from '../errors/MendkitError';
import { UnknownJobError } from '../errors/UnknownJobError';
import { atomicWrite } from '../files/atomicWrite';
import { FileRunHistory } from '../jobs/FileRunHistory';
import type { JobSettings } from '../jobs/JobSettings';
import { errorMessage } from '../matching/errorFacts';
import { MemoryRunHistory } from '../jobs/MemoryRunHistory';
import { type CommandInput, integerOption, type Output, required } from './commands';
import { CliFailure, EXIT } from './exitCodes';
import { loadJobModule } from './loadJobModule';
import { RecordedRuns } from './RecordedRuns';

/** `mendkit chaos` defaults. */
export const CHAOS_DEFAULTS = Object.freeze({ runs: 100, rate: 0.1 });

/** Plain progress lines when stderr is not a terminal: this many in a whole chaos run. */
const PLAIN_PROGRESS_LINES = 4;

/** The time between two runs as the job's trigger would space them (skipped by the compressed clock). */
export function intervalOf(settings: JobSettings, now = Date.now()): number {
  const { trigger } = settings;
  if (trigger.kind === 'every') return trigger.ms;
  if (trigger.kind === 'watch') return 0;
  const next = trigger.schedule.nextAfter(now);
  const after = next === undefined ? undefined : trigger.schedule.nextAfter(next);
  return next === undefined || after === undefined ? 0 : after - next;
}

function rateOption(input: CommandInput): number {
  const raw = input.options.rate;
  if (raw === undefined) return CHAOS_DEFAULTS.rate;
  const rate = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !(rate >= 0 && rate <= 1)) {
    throw new CliFailure(EXIT.usage, `--rate must be a number from 0 to 1, got ${String(raw)}`);
  }
  return rate;
}

function describe({ done, runs, succeeded, failed, lost }: ChaosProgress): string {
  return `chaos: ${done}/${runs} runs · ${succeeded} succeeded · ${failed} failed · ${lost} lost`;
}

/** Progress after each run: the status line on a terminal, else a few plain lines. */
export function progressTo(io: Output): (progress: ChaosProgress) => void {
  if (io.status !== undefined) return (progress) => io.status?.(describe(progress));
  return (progress) => {
    const step = Math.max(1, Math.ceil(progress.runs / PLAIN_PROGRESS_LINES));
    if (progress.done % step === 0 || progress.done === progress.runs) io.err(describe(progress));
  };
}

/** Runs `write`; a filesystem error becomes a CLI failure naming `what` (exit 10). */
async function writing<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new CliFailure(EXIT.reportNotWritten, `cannot write ${what}: ${errorMessage(error)}`);
  }
}

/** Refuses an `--html` file that could not be written, before the runs rather than after them. */
async function checkWritable(file: string): Promise<void> {
  await writing(`the --html report ${file}`, async () => {
    await access(path.dirname(path.resolve(file)), constants.W_OK);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isDirectory()) throw new Error('it is a directory');
  });
}

/** Writes the report where `--html` and `--state-dir` say, telling stderr where it went. */
async function writeReports(report: SavedChaosReport, html: string | undefined, stateDir: string | undefined, io: Output): Promise<void> {
  if (html !== undefined) {
    await writing(`the --html report ${html}`, () => atomicWrite(html, chaosReportHtml(report)));
    io.err(`report written: ${html}`);
  }
  if (stateDir !== undefined) {
    const saved = await writing(`the report in ${stateDir}`, () => saveChaosReport(stateDir, report));
    io.err(`report saved: ${saved.htmlPath}`);
  }
}

/**
 * `mendkit chaos <module> <job>`: runs the job `--runs` times under injected faults with time
 * compressed, prints the report (or, with `--json`, the report as one JSON line), and exits 1
 * when a run failed or was lost. Runs are recorded in `--state-dir` when it is given, else kept
 * in memory only, so chaos runs never mix with a job's real history by accident; the report is
 * saved there too, in `chaos/`. `--html` writes it as a page with charts.
 */
export async function chaos(input: CommandInput, io: Output): Promise<number> {
  const modulePath = required(input, 0, 'the module', 'chaos');
  const jobs = await loadJobModule(modulePath);
  const name = required(input, 1, 'the job name', 'chaos');
  const job = jobs.find((candidate) => candidate.settings.name === name);
  if (job === undefined) {
    throw new CliFailure(EXIT.unknownJob, new UnknownJobError(name, jobs.map((candidate) => candidate.settings.name)).message);
  }
  const runs = integerOption(input, 'runs', 1) ?? CHAOS_DEFAULTS.runs;
  const stateDir = typeof input.options['state-dir'] === 'string' ? input.options['state-dir'] : undefined;
  const html = typeof input.options.html === 'string' ? input.options.html : undefined;
  if (html !== undefined) await checkWritable(html);
  const history = stateDir !== undefined ? new FileRunHistory(stateDir) : new MemoryRunHistory();
  const startedAt = new Date().toISOString();
  let report: ChaosReport;
  try {
    report = await runChaos({
      target: new RecordedRuns(job.jobClass, name, history),
      label: `${job.jobClass.name}.run`,
      runs,
      rate: rateOption(input),
      seed: integerOption(input, 'seed', 0),
      ...(typeof input.options.faults === 'string' ? { faults: input.options.faults } : {}),
      intervalMs: intervalOf(job.settings),
      onProgress: progressTo(io),
    });
  } catch (error) {
    if (isMendkitError(error, 'MENDKIT_CONFIG')) throw new CliFailure(EXIT.usage, errorMessage(error));
    throw error;
  } finally {
    io.status?.('');
  }
  io.out(input.options.json === true ? chaosReportJson(report) : formatChaosReport(report));
  await writeReports({ ...report, job: name, module: path.resolve(modulePath), startedAt }, html, stateDir, io);
  return report.failed + report.lost > 0 ? EXIT.runFailed : EXIT.ok;
}
