import { BODY_EXCERPT_LENGTH, HttpError } from './HttpError';

/**
 * Returns a `fetch` response unchanged when its status is 2xx/3xx; otherwise reads an excerpt of
 * its body and throws an {@link HttpError} with the status, headers and that excerpt — so a
 * 503 with `Retry-After` becomes an error `@Retry` understands.
 * @example const res = await raiseForStatus(await fetch(url));
 * @throws HttpError when `response.ok` is false.
 */
export async function raiseForStatus(response: Response): Promise<Response> {
  if (response.ok) return response;
  let body = '';
  try {
    body = (await response.text()).slice(0, BODY_EXCERPT_LENGTH);
  } catch {
    // The status is the error worth reporting; a body that cannot be read adds nothing to it.
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  throw new HttpError({ status: response.status, statusText: response.statusText, url: response.url, headers, body });
}
