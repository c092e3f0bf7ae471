// `npm run bench [-- --json] [-- --quick]`: what mendkit's pipeline costs, against a bare call and
// the libraries users would pick instead. Never part of the test suite; never asserts timings.
import './cases/setup';
import { parseArgs } from 'node:util';
import { globalTax } from './cases/globalTax';
import { useBenchContainer } from './cases/setup';
import { retryPath } from './cases/retryPath';
import { scale } from './cases/scale';
import { successPath } from './cases/successPath';
import type { MeasureOptions } from './measure';
import { json, table } from './report';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, quick: { type: 'boolean' } } });
  const options: MeasureOptions = values.quick
    ? { calls: 2_000, rounds: 3, warmup: 1_000 }
    : { calls: 100_000, rounds: 9, warmup: 50_000 };
  useBenchContainer();
  const say = (line: string) => {
    if (!values.json) console.log(line);
  };
  say(`mendkit bench on Node ${process.version} (${values.quick ? 'quick' : 'full'})`);
  const results = [...(await successPath(options)), ...(await retryPath(options))];
  const bare = results.find((r) => r.name === 'bare')!.nsPerCall;
  results.push(...(await scale(values.quick ? 10_000 : 100_000, bare)));
  results.push(...globalTax([['global-tax', 'mendkit']]));
  say(table(results));
  if (values.json) console.log(json(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
