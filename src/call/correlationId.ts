import { randomUUID } from 'node:crypto';

/** This process's random part: 8-4-4-4 hex digits of one UUID v4 (its version and variant digits included). */
let prefix: string | undefined;
let counter = 0;

/**
 * A new correlation id: UUID-shaped, random per process and counted within it, so it is unique
 * without asking for randomness per call. Made only when a line or a caller first needs one.
 * @example newCorrelationId() // '1b4e28ba-2fa1-41d2-883f-00000000002a'
 */
export function newCorrelationId(): string {
  prefix ??= randomUUID().slice(0, 24);
  counter += 1;
  return prefix + counter.toString(16).padStart(12, '0');
}
