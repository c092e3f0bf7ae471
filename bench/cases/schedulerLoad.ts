import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { container } from 'tsyringe';
import TransportStream from 'winston-transport';
import { createLogger, FileRunHistory, Job, type JobClass, LOGGER, type RunHistory, Scheduler } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';

/** What a load case saw: ticks the triggers were due to fire, runs started, ticks skipped as "still running". */
export interface LoadResult {
  readonly name: string;
  readonly jobs: number;
  readonly everyMs: number;
  readonly durationMs: number;
  readonly due: number;
  readonly run: number;
  readonly skipped: number;
  /** `skipped` as a share of `due`, in %. */
  readonly skippedPct: number;
}

/** Counts the scheduler's `job.started` and `job.skipped` lines; keeps none. */
class TickCounter extends TransportStream {
  started = 0;
  skipped = 0;

  override log(info: { event?: unknown }, next: () => void): void {
    if (info.event === 'job.started') this.started += 1;
    else if (info.event === 'job.skipped') this.skipped += 1;
    next();
  }
}

/** `count` job classes, each `every: everyMs`, whose run does a little async work. */
function tickJobs(count: number, everyMs: number): JobClass[] {
  return Array.from({ length: count }, (_, i) => {
    class Tick {
      async run(): Promise<void> {
        await Promise.resolve();
      }
    }
    Job({ name: `tick-${i}`, every: everyMs })(Tick);
    return Tick;
  });
}

async function underLoad(name: string, history: RunHistory, jobs: readonly JobClass[], everyMs: number, durationMs: number): Promise<LoadResult> {
  const counter = new TickCounter();
  const child = container.createChildContainer();
  // Lines are made (info) but not written: the case measures the scheduler, not a console.
  child.register(LOGGER, { useValue: createLogger({ level: 'info', console: false, transports: [counter] }) });
  const scheduler = new Scheduler({ jobs, container: child, history });
  await scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  await scheduler.stop();
  const due = jobs.length * Math.floor(durationMs / everyMs);
  return {
    name,
    jobs: jobs.length,
    everyMs,
    durationMs,
    due,
    run: counter.started,
    skipped: counter.skipped,
    skippedPct: (100 * counter.skipped) / due,
  };
}

/**
 * `scheduler-200x100ms`: 200 jobs every 100 ms for `durationMs`, recording to a run history file;
 * against the same with the history in memory, measured in the same run.
 */
export async function schedulerLoad(durationMs: number): Promise<LoadResult[]> {
  const jobs = tickJobs(200, 100);
  const dir = mkdtempSync(path.join(tmpdir(), 'mendkit-bench-history-'));
  try {
    return [
      await underLoad('scheduler-200x100ms', new FileRunHistory(dir), jobs, 100, durationMs),
      await underLoad('scheduler-200x100ms-memory', new MemoryRunHistory(), jobs, 100, durationMs),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The load cases as a table. */
export function loadTable(results: readonly LoadResult[]): string {
  const rows = [
    ['case', 'history', 'seconds', 'ticks due', 'run', 'skipped', 'skipped %'],
    ...results.map((r) => [
      r.name,
      r.name.endsWith('-memory') ? 'memory' : 'file',
      (r.durationMs / 1000).toFixed(0),
      String(r.due),
      String(r.run),
      String(r.skipped),
      `${r.skippedPct.toFixed(2)} %`,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}
