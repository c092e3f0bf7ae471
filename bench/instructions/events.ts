/**
 * What cachegrind counts, by the name a table shows: instructions always; with `--cache`, the
 * simulated misses and mispredictions too. Timing on a shared machine cannot tell a cost in
 * instructions from one in memory traffic; these counts can, and repeat like the instructions.
 */
export type Events = ReadonlyMap<string, number>;

export const INSTRUCTIONS = 'instructions';

/** Each simulated event: its name in a table, and how to read it from cachegrind's summary. */
const SIMULATED: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ['L1 data read misses', /D1\s+misses:\s+[\d,]+\s+\(\s*([\d,]+)\s+rd/],
  ['L1 data write misses', /D1\s+misses:\s+[\d,]+\s+\(\s*[\d,]+\s+rd\s+\+\s+([\d,]+)\s+wr/],
  ['last-level data misses', /LLd\s+misses:\s+([\d,]+)/],
  ['branch mispredictions', /Mispredicts:\s+([\d,]+)/],
];

function read(summary: string, name: string, pattern: RegExp): number {
  const match = pattern.exec(summary);
  if (match === null) throw new Error(`no ${name} in valgrind's output:\n${summary}`);
  return Number(match[1]!.replace(/,/g, ''));
}

/** The events in cachegrind's closing summary (its stderr); `cache`: it simulated caches and branches. */
export function summaryEvents(summary: string, cache: boolean): Events {
  const events = new Map([[INSTRUCTIONS, read(summary, '"I refs"', /I\s+refs:\s+([\d,]+)/)]]);
  if (cache) for (const [name, pattern] of SIMULATED) events.set(name, read(summary, name, pattern));
  return events;
}

/** Per call, what the run of more calls counted beyond the run of fewer. */
export function eventsPerCall(fewer: Events, more: Events, extraCalls: number): Events {
  return new Map([...more].map(([name, count]) => [name, (count - (fewer.get(name) ?? 0)) / extraCalls]));
}
