// The process valgrind runs: `node --single-threaded dist/bench/instructions/harness.js <subject>
// <calls> <warmup>` warms one subject up, then makes `calls` sequential awaited calls. It prints
// nothing; the runner reads valgrind's counts.
import '../cases/setup';
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
  for (let i = 0; i < warmup; i++) await subject();
  for (let i = 0; i < calls; i++) await subject();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
