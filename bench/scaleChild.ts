// Runs one subject of `scale-1m` in this fresh process and prints one JSON line: its wall time,
// live heap per call while every call waits, and the process's peak RSS. Run by cases/scaleMillion.ts,
// one process per subject, so one subject's peak never hides another's.
import './cases/setup';
import { atScale, scaleSubjects } from './cases/scale';
import { useBenchContainer } from './cases/setup';

async function main(): Promise<void> {
  const [name = 'mendkit', count = '1000000'] = process.argv.slice(2);
  useBenchContainer();
  const start = scaleSubjects()[name as keyof ReturnType<typeof scaleSubjects>];
  if (start === undefined) throw new Error(`unknown subject ${name}`);
  const result = await atScale(name, Number(count), start, 1);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ wallMs: result.wallMs, heapBytesPerCall: result.heapBytesPerCall, peakRssBytes })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
