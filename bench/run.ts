// `npm run bench [-- --json] [-- --quick] [-- --compare saved.json] [-- --save run.json] [-- --no-load]`: what mendkit's pipeline costs, against a bare call and
// the libraries users would pick instead. Never part of the test suite; never asserts timings.
import './cases/setup';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { faultsOff } from './cases/faultsOff';
import { globalTax } from './cases/globalTax';
import { loggedDisabled, loggedEnabled } from './cases/logging';
import { loggedFile } from './cases/loggingFile';
import { useBenchContainer } from './cases/setup';
import { retryPath } from './cases/retryPath';
import { scale } from './cases/scale';
import { scaleMillion } from './cases/scaleMillion';
import { comparison } from './compare';
import { loadTable, schedulerLoad } from './cases/schedulerLoad';
import { successPath } from './cases/successPath';
import { telemetryCases } from './cases/telemetry';
import type { MeasureOptions } from './measure';
import { type CaseResult, compared, json, table } from './report';

/** The comparisons the targets are set against: each case and the case it must beat or match. */
const TARGETS: ReadonlyArray<[subject: string, against: string]> = [
  ['retry', 'handwritten'],
  ['stack', 'cockatiel-retry'],
  ['stack-standard', 'stack'],
  ['breaker-closed', 'stack'],
  ['retry-path-mendkit', 'retry-path-handwritten'],
  ['scale-mendkit', 'scale-cockatiel'],
  ['scale-1m-mendkit', 'scale-1m-cockatiel'],
  ['logged-enabled', 'winston-direct'],
  ['logged-file', 'winston-file'],
  ['logged-disabled', 'retry'],
  ['faults-off', 'retry'],
  ['telemetry-off', 'stack'],
  ['telemetry-metrics', 'stack'],
  ['telemetry-on', 'stack'],
  ['telemetry-on+context', 'stack'],
];

function withTargets(results: readonly CaseResult[]): CaseResult[] {
  const byName = new Map(results.map((r) => [r.name, r]));
  return results.map((r) => {
    const against = TARGETS.find(([subject]) => subject === r.name)?.[1];
    const other = against === undefined ? undefined : byName.get(against);
    return other === undefined ? r : { ...r, versus: compared(r, other) };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, compare: { type: 'string' }, save: { type: 'string' }, 'no-load': { type: 'boolean' } },
  });
  const options: MeasureOptions = values.quick
    ? { calls: 2_000, rounds: 5, warmup: 1_000 }
    : { calls: 10_000, rounds: 41, warmup: 50_000 };
  useBenchContainer();
  const say = (line: string) => {
    if (!values.json) console.log(line);
  };
  say(`mendkit bench on Node ${process.version} (${values.quick ? 'quick' : 'full'})`);
  const results = [...(await successPath(options)), ...(await retryPath(options))];
  const bare = results.find((r) => r.name === 'bare')!.nsPerCall;
  results.push(...(await scale(values.quick ? 10_000 : 100_000, bare)));
  results.push(...scaleMillion(values.quick ? 100_000 : 1_000_000));
  results.push(...(await faultsOff(options)));
  results.push(...(await loggedDisabled(options)));
  results.push(...(await loggedEnabled(options)));
  results.push(...(await loggedFile(options)));
  results.push(...(await telemetryCases(options)));
  results.push(...globalTax([['global-tax', 'mendkit'], ['global-tax-logged', 'logged']]));
  const report = withTargets(results);
  say(table(report));
  if (values.compare !== undefined) {
    say('');
    say(comparison(report, values.compare));
  }
  // Last: it runs in real time (30 s per history, 5 s with --quick), and nothing after it is timed.
  const load = values['no-load'] ? [] : await schedulerLoad(values.quick ? 5_000 : 30_000);
  if (load.length > 0) {
    say('');
    say(loadTable(load));
  }
  if (values.json) console.log(json(report, load));
  // The same line, for a later `--compare`.
  if (values.save !== undefined) writeFileSync(values.save, `${json(report, load)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
