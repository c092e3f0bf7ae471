import { BODY_EXCERPT_LENGTH, HttpError } from './HttpError';

/** Reads at most an excerpt of the body, then lets the rest go; `''` when it cannot be read. Never rejects. */
async function bodyExcerpt(response: Response): Promise<string> {
  let text = '';
  try {
    const reader = response.body?.getReader();
    if (reader === undefined) return text;
    const decoder = new TextDecoder();
    try {
      while (text.length < BODY_EXCERPT_LENGTH) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  } catch {
    // The status is the error worth reporting; a body that breaks off adds nothing to it.
  }
  return text.slice(0, BODY_EXCERPT_LENGTH);
}

/**
 * Returns a `fetch` response unchanged when its status is 2xx/3xx; otherwise throws an
 * {@link HttpError} with the status and headers — synchronously, so a call without `await`
 * (as Python's `raise_for_status()` is written) stops right there instead of leaving an
 * unhandled rejection behind. The body excerpt is read in the background (`error.readBody()`),
 * only its first 512 characters (`BODY_EXCERPT_LENGTH`). `await raiseForStatus(res)` works as
 * before; `.then()`/`.catch()` on its result do not (it is the response, not a promise).
 * @example const res = raiseForStatus(await fetch(url)); // or: await raiseForStatus(...)
 * @throws HttpError when `response.ok` is false.
 */
export function raiseForStatus(response: Response): Response {
  if (response.ok) return response;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const { status, statusText, url } = response;
  throw new HttpError({ status, statusText, url, headers, body: bodyExcerpt(response) });
}
