/**
 * Instructions per call, counted by valgrind: a noise-free complement to `npm run bench`, whose
 * timings move ±10–20 % on a shared machine. Two counts of one build differ by a few instructions
 * a call on the success path (1571 and 1572 for `stack`), so a change of 1 % shows. What a count
 * does not promise: a rare event (a mark-compact collection) lands in the counted calls or not.
 * On the retry path, whose calls throw and allocate, that moved a count by 1,000–2,600 (5–12 %);
 * count it more than once, and look at the profile before believing a jump.
 *
 * ```sh
 * npm run bench:instructions -- stack                     # stack and bare, and their ratio
 * npm run bench:instructions -- breaker-closed stack      # against another subject
 * npm run bench:instructions -- retry-path-mendkit retry-path-handwritten --profile
 * npm run bench:instructions -- retry-path-mendkit retry-path-handwritten --cache
 * ```
 *
 * Subjects are the bench's success-path and retry-path cases, built by the same code under the
 * same names (`bare`, `handwritten`, `retry`, `stack`, `breaker-closed`, `retry-path-mendkit`,
 * `retry-path-handwritten`, …); `<against>` defaults to `bare`, the bench's baseline. Each subject
 * runs in its own `node --single-threaded` under valgrind, twice: 20 000 and 120 000 calls after
 * `--warmup` (30 000) calls; the difference divided by 100 000 is the cost of one call, start-up
 * and compilation cancelling out. Node runs with fixed hash and random seeds (a random hash seed
 * costs a random amount of start-up work), `--predictable` and a 512 MB initial old generation
 * (so full collections land alike in every run) and a full GC before and after the counted calls.
 * Counting uses cachegrind without cache simulation (15–40 s a run).
 *
 * `--profile` runs callgrind instead, with `--perf-basic-prof --interpreted-frames-native-stack`
 * so that JIT code can be named from V8's /tmp/perf-<pid>.map, and lists the `--top` (30)
 * functions whose self instructions per call differ most between the two subjects: JS functions
 * as `JS:name file:line:column` (all tiers in one row), builtins as `Builtins_Name`, other native
 * code as `name [C++]` (`[library]` outside node). Its totals carry the profiling flags' cost,
 * so they differ slightly from the plain count. Needs valgrind and callgrind_annotate (Debian:
 * `apt-get install valgrind`).
 * `--cache` counts with cachegrind's cache and branch simulation instead (about three times
 * slower): per call, instructions, L1 data read and write misses, last-level data misses and
 * branch mispredictions, each with its ratio. Instructions are not time; what a subject costs
 * in time beyond its instructions is mostly these (an L1 miss that hits L2 costs ~10–15 cycles).
 * The simulated caches are the host's (valgrind reads them from CPUID).
 * Runs are one at a time; temporary files and the perf maps are removed.
 */
import '../cases/setup';
import { largestDifferences, perCall, total, type Costs } from './attribution';
import { type InstructionArgs, parseInstructionArgs, USAGE, UsageError } from './args';
import { MissingToolError, requireTool } from './processes';
import { type Events, eventsPerCall, INSTRUCTIONS } from './events';
import { attributionTable, countsTable, eventsTable } from './report';
import { Scratch } from './scratch';
import { instructionSubjects } from './subjects';
import { countEvents, type HarnessRun, profileRun } from './valgrind';

const FEWER = 20_000;
const MORE = 120_000;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function perCallCount(subject: string, warmup: number, cache: boolean): Promise<Events> {
  const counts: Events[] = [];
  for (const calls of [FEWER, MORE]) {
    progress(`counting ${subject}, ${calls} calls…`);
    counts.push(await countEvents({ subject, calls, warmup }, cache));
  }
  return eventsPerCall(counts[0]!, counts[1]!, MORE - FEWER);
}

async function perCallProfile(subject: string, warmup: number, scratch: Scratch): Promise<Costs> {
  const runs: Costs[] = [];
  for (const calls of [FEWER, MORE]) {
    progress(`profiling ${subject}, ${calls} calls…`);
    const harnessRun: HarnessRun = { subject, calls, warmup };
    runs.push(await profileRun(harnessRun, scratch));
  }
  return perCall(runs[0]!, runs[1]!, MORE - FEWER);
}

async function measure(args: InstructionArgs): Promise<void> {
  const method = args.profile
    ? 'callgrind, --perf-basic-prof --interpreted-frames-native-stack'
    : args.cache
      ? 'cachegrind, simulating the caches and branch predictor'
      : 'cachegrind';
  const header = `${args.cache ? 'events' : 'instructions'} per call on Node ${process.version} (valgrind ${method}; (Ir at ${MORE} calls − Ir at ${FEWER}) / ${MORE - FEWER}, after ${args.warmup} warm-up calls)`;
  if (!args.profile) {
    const subject = await perCallCount(args.subject, args.warmup, args.cache);
    const against = args.against === args.subject ? subject : await perCallCount(args.against, args.warmup, args.cache);
    console.log(header);
    console.log(
      args.cache
        ? eventsTable(args.subject, subject, args.against, against)
        : countsTable(args.subject, subject.get(INSTRUCTIONS)!, args.against, against.get(INSTRUCTIONS)!),
    );
    return;
  }
  const scratch = new Scratch();
  try {
    const subject = await perCallProfile(args.subject, args.warmup, scratch);
    const against = args.against === args.subject ? subject : await perCallProfile(args.against, args.warmup, scratch);
    console.log(header);
    console.log(countsTable(args.subject, total(subject), args.against, total(against)));
    console.log('');
    console.log(`self instructions per call, the ${args.top} functions that differ most:`);
    console.log(attributionTable(args.subject, args.against, largestDifferences(subject, against, args.top)));
  } finally {
    scratch.dispose();
  }
}

async function main(): Promise<number> {
  let args: InstructionArgs;
  try {
    args = parseInstructionArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const names = [...(await instructionSubjects()).keys()];
  const unknown = [args.subject, args.against].filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    console.error(`no subject ${unknown.map((name) => JSON.stringify(name)).join(', ')}; the subjects are: ${names.join(', ')}\n${USAGE}`);
    return 2;
  }
  try {
    requireTool('valgrind', 'valgrind (Debian/Ubuntu: apt-get install valgrind)');
    if (args.profile) requireTool('callgrind_annotate', "valgrind's callgrind_annotate (Debian/Ubuntu: apt-get install valgrind; it needs perl)");
  } catch (error) {
    if (!(error instanceof MissingToolError)) throw error;
    console.error(error.message);
    return 3;
  }
  await measure(args);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
