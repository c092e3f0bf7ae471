import { parseArgs } from 'node:util';

/** What `npm run bench:instructions -- …` asks for. */
export interface InstructionArgs {
  readonly subject: string;
  /** The subject compared with; the bench's baseline, `bare`, unless named. */
  readonly against: string;
  readonly profile: boolean;
  /** Also count simulated data-cache misses and branch mispredictions (not with `profile`). */
  readonly cache: boolean;
  /** How many functions the attribution lists. */
  readonly top: number;
  /** Calls made before the counted ones, so the counts see optimised code. */
  readonly warmup: number;
}

export const USAGE = 'usage: npm run bench:instructions -- <subject> [<against>] [--profile | --cache] [--top N] [--warmup N]';

/** A command line the runner cannot act on; the message says why. */
export class UsageError extends Error {}

function count(text: string | undefined, fallback: number, option: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new UsageError(`${option} wants a whole number, got ${JSON.stringify(text)}`);
  return value;
}

export function parseInstructionArgs(argv: readonly string[]): InstructionArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { profile: { type: 'boolean' }, cache: { type: 'boolean' }, top: { type: 'string' }, warmup: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  const [subject, against = 'bare', ...rest] = positionals;
  if (subject === undefined) throw new UsageError('name a subject');
  if (rest.length > 0) throw new UsageError(`one subject and at most one to compare with, got ${positionals.join(' ')}`);
  if (values.profile === true && values.cache === true) throw new UsageError('--profile attributes instructions alone: use --cache without it');
  return {
    subject,
    against,
    profile: values.profile === true,
    cache: values.cache === true,
    top: count(values.top, 30, '--top'),
    warmup: count(values.warmup, 30_000, '--warmup'),
  };
}
