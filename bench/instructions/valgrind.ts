import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Costs, selfCosts } from './attribution';
import { type Events, summaryEvents } from './events';
import { PerfMap } from './perfMap';
import { run } from './processes';
import type { Scratch } from './scratch';

/** The compiled harness, next to this file in dist/. */
const HARNESS = path.join(__dirname, 'harness.js');

/** Where the harness runs from, and what paths in JIT names are made relative to. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** One valgrind'd run of the harness: `calls` counted calls of `subject` after `warmup`. */
export interface HarnessRun {
  readonly subject: string;
  readonly calls: number;
  readonly warmup: number;
}

function harnessArgs({ subject, calls, warmup }: HarnessRun, nodeFlags: readonly string[]): string[] {
  // One thread: V8's background compiler and GC threads would make the counts vary. Fixed seeds:
  // with a random hash seed, deriving it at start-up (HashSeed::InitializeRoots) costs a random
  // few million instructions, which moved a pair's difference by up to ~90 a call. Predictable GC
  // and a roomy old generation: otherwise whether a full collection lands among the counted calls
  // of a subject that allocates at every call (the retry path) moved its count by up to 5–12 %.
  return [
    process.execPath,
    '--single-threaded',
    '--predictable',
    '--initial-old-space-size=512',
    '--hash-seed=1',
    '--random-seed=1',
    '--expose-gc',
    ...nodeFlags,
    HARNESS,
    subject,
    String(calls),
    String(warmup),
  ];
}

/**
 * What the run executed, from cachegrind: its instructions, and with `cache` the data-cache misses
 * and branch mispredictions of its simulated caches (about three times slower).
 */
export async function countEvents(harnessRun: HarnessRun, cache: boolean): Promise<Events> {
  const simulation = cache ? ['--cache-sim=yes', '--branch-sim=yes'] : ['--cache-sim=no'];
  const { stderr } = await run('valgrind', ['--tool=cachegrind', ...simulation, '--cachegrind-out-file=/dev/null', ...harnessArgs(harnessRun, [])]);
  return summaryEvents(stderr, cache);
}

/**
 * The pid valgrind prefixes its lines with, which is the pid of the node it runs (valgrind
 * runs the program in its own process) and so the one in V8's perf map name.
 */
export function valgrindPid(stderr: string): number | undefined {
  const match = /^==(\d+)==/m.exec(stderr);
  return match === null ? undefined : Number(match[1]);
}

const perfMapFile = (pid: number) => path.join('/tmp', `perf-${pid}.map`);

/**
 * Self instructions by function for the run, from callgrind, with JIT code named through the perf
 * map V8 writes with `--perf-basic-prof` (`--interpreted-frames-native-stack` gives interpreted
 * functions their own code addresses, so they are named too). The map is removed afterwards.
 */
export async function profileRun(harnessRun: HarnessRun, scratch: Scratch): Promise<Costs> {
  const out = path.join(scratch.dir, `${harnessRun.subject.replace(/[^\w.+-]/g, '_')}-${harnessRun.calls}.callgrind`);
  const maps = new Set<string>();
  try {
    const { stderr } = await run(
      'valgrind',
      ['--tool=callgrind', `--callgrind-out-file=${out}`, ...harnessArgs(harnessRun, ['--perf-basic-prof', '--interpreted-frames-native-stack'])],
      // With --perf-basic-prof, node 20 also writes an isolate-…-v8.log into its working directory.
      scratch.dir,
      (pid) => {
        maps.add(perfMapFile(pid));
        scratch.track(perfMapFile(pid));
      },
    );
    const pid = valgrindPid(stderr);
    if (pid === undefined) throw new Error(`no ==pid== prefix in valgrind's output:\n${stderr}`);
    maps.add(perfMapFile(pid));
    scratch.track(perfMapFile(pid));
    const map = new PerfMap(readFileSync(perfMapFile(pid), 'utf8'));
    if (map.size === 0) throw new Error(`${perfMapFile(pid)} is empty`);
    const annotated = await run('callgrind_annotate', ['--threshold=100', '--inclusive=no', '--auto=no', '--show-percs=no', out]);
    return selfCosts(annotated.stdout, map, ROOT);
  } finally {
    for (const map of maps) scratch.remove(map);
    scratch.remove(out);
  }
}
