import { causeChain, errorMessage, httpStatus, ownCode, ownName } from '../matching/errorFacts';

interface SystemErrorFields {
  readonly syscall?: unknown;
  readonly path?: unknown;
  readonly dest?: unknown;
}

/**
 * What makes two failures "the same" for judging a heal: the first coded error along the cause
 * chain with its code, syscall, path and destination; else the HTTP status; else name and message.
 */
function signature(error: unknown): string {
  const coded = causeChain(error).find((link) => ownCode(link) !== undefined);
  if (coded !== undefined) {
    const { syscall, path, dest } = coded as SystemErrorFields;
    return JSON.stringify(['code', ownCode(coded), syscall, path, dest]);
  }
  const status = httpStatus(error);
  if (status !== undefined) return JSON.stringify(['status', status]);
  return JSON.stringify(['message', ownName(error), errorMessage(error)]);
}

/** Whether `again` is the failure `first` was, by {@link signature}: the heal between them did not help. */
export function sameFailure(first: unknown, again: unknown): boolean {
  return signature(first) === signature(again);
}
