// Measures a bare `await fn()` in this process, after doing what the mode says first. Run by
// cases/globalTax.ts in a fresh process per measurement, so one mode's effects never leak into
// another's.
import { median, nsPerCall } from './measure';
import { work } from './subjects';

const ROUNDS = 15;
const CALLS = 200_000;

async function prepare(mode: string): Promise<void> {
  if (mode === 'fresh') return;
  const { useMendkit } = await import('./globalTaxModes.js');
  await useMendkit(mode);
}

async function main(): Promise<void> {
  await prepare(process.argv[2] ?? 'fresh');
  await nsPerCall(work, CALLS);
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await nsPerCall(work, CALLS));
  process.stdout.write(`${median(rounds)}\n`);
}

void main();
