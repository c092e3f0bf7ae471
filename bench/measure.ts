/** How a case is timed: many calls after a warm-up, in rounds that alternate with the baseline. */
export interface MeasureOptions {
  readonly calls: number;
  readonly rounds: number;
  readonly warmup: number;
}

/** Something to time: one logical call. */
export type Subject = () => Promise<unknown>;

/**
 * Mean ns of CPU time (user + system, this process's threads) per call over `calls` sequential
 * awaited calls: on a machine shared with other work, wall time mostly measures the neighbours.
 */
export async function nsPerCall(subject: Subject, calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await subject();
  const { user, system } = process.cpuUsage(start);
  return ((user + system) * 1000) / calls;
}

/**
 * The value a `fraction` of `values` are below: a low one (0.1) keeps the rounds the machine let
 * run, since other work only ever adds time to a round.
 */
export function quantile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times `subjects` in many short rounds, each round timing every one in turn, so drift of the
 * machine affects them alike; returns the fastest tenth's ns per call of each, in order (on a
 * shared machine the median mostly measures the neighbours).
 */
export async function alternate(subjects: readonly Subject[], options: MeasureOptions): Promise<number[]> {
  for (const subject of subjects) await nsPerCall(subject, options.warmup);
  const rounds = subjects.map((): number[] => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < subjects.length; i++) rounds[i]!.push(await nsPerCall(subjects[i]!, options.calls));
  }
  return rounds.map((times) => quantile(times, 0.1));
}

/** `subject` against `baseline`, timed in alternating rounds (see {@link alternate}). */
export async function versus(
  subject: Subject,
  baseline: Subject,
  options: MeasureOptions,
): Promise<{ subject: number; baseline: number }> {
  const [baselineNs, subjectNs] = await alternate([baseline, subject], options);
  return { subject: subjectNs!, baseline: baselineNs! };
}
