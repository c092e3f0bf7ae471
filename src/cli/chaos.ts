import type { ChaosProgress } from '../chaos/ChaosOptions';
import type { ChaosReport } from '../chaos/ChaosReport';
import { chaosReportJson, formatChaosReport } from '../chaos/formatChaosReport';
import { runChaos } from '../chaos/runChaos';
import { isMendkitError } from '../errors/MendkitError';
import { UnknownJobError } from '../errors/UnknownJobError';
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

/**
 * `mendkit chaos <module> <job>`: runs the job `--runs` times under injected faults with time
 * compressed, prints the report (or, with `--json`, the report as one JSON line), and exits 1
 * when a run failed or was lost. Runs are recorded in `--state-dir` when it is given, else kept
 * in memory only, so chaos runs never mix with a job's real history by accident.
 */
export async function chaos(input: CommandInput, io: Output): Promise<number> {
  const jobs = await loadJobModule(required(input, 0, 'the module', 'chaos'));
  const name = required(input, 1, 'the job name', 'chaos');
  const job = jobs.find((candidate) => candidate.settings.name === name);
  if (job === undefined) {
    throw new CliFailure(EXIT.unknownJob, new UnknownJobError(name, jobs.map((candidate) => candidate.settings.name)).message);
  }
  const runs = integerOption(input, 'runs', 1) ?? CHAOS_DEFAULTS.runs;
  const stateDir = input.options['state-dir'];
  const history = typeof stateDir === 'string' ? new FileRunHistory(stateDir) : new MemoryRunHistory();
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
  return report.failed + report.lost > 0 ? EXIT.runFailed : EXIT.ok;
}
