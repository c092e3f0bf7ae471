import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The least length of a token, so that one cannot be guessed by trying. */
export const MIN_TOKEN_LENGTH = 16;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** True when the request carries `Authorization: Bearer <token>`; compared in constant time. */
export function hasBearerToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  const given = header !== undefined && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : undefined;
  // Digests have one length whatever was sent, so the comparison leaks neither length nor content.
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}
