// The process valgrind runs: `node --single-threaded dist/bench/instructions/harness.js <subject>
// <calls> <warmup>` warms one subject up, then makes `calls` sequential awaited calls. It prints
// nothing; the runner reads valgrind's counts. It needs --expose-gc: a full collection before and
// after the counted calls makes every run start and end at a finished GC cycle, so a cycle still
// in progress at exit cannot land in one run of a pair and not the other (seen: a profile's
// total off by ~20 %, with negative marking rows).
import { useBenchContainer } from '../cases/setup';
import { instructionSubjects } from './subjects';

async function main(): Promise<void> {
  const [name = '', callsText = '', warmupText = ''] = process.argv.slice(2);
  const calls = Number(callsText);
  const warmup = Number(warmupText);
  if (!Number.isSafeInteger(calls) || !Number.isSafeInteger(warmup) || calls < 0 || warmup < 0) {
    throw new Error(`usage: harness.js <subject> <calls> <warmup>, got ${JSON.stringify(process.argv.slice(2))}`);
  }
  useBenchContainer();
  const subject = (await instructionSubjects()).get(name);
  if (subject === undefined) throw new Error(`no subject ${JSON.stringify(name)}`);
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run the harness with --expose-gc');
  for (let i = 0; i < warmup; i++) await subject();
  gc();
  for (let i = 0; i < calls; i++) await subject();
  gc();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
