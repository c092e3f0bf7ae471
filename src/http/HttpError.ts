import { MendkitError } from '../errors/MendkitError';

/** How much of a failed response's body {@link HttpError} keeps, in characters. */
export const BODY_EXCERPT_LENGTH = 512;

/** What an {@link HttpError} is built from. */
export interface HttpErrorInit {
  readonly status: number;
  readonly statusText?: string;
  readonly url?: string;
  /** Response headers, lower-case names. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The start of the response body. */
  readonly body?: string;
}

/**
 * An HTTP response with a failure status, as an error. Its `code` is `HTTP_<status>`, so logs and
 * matchers treat it like any other coded error; `errors.http(...)` and status numbers match it.
 */
export class HttpError extends MendkitError {
  readonly code: string;
  readonly status: number;
  readonly statusText: string;
  readonly url: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** The start of the body: at most `BODY_EXCERPT_LENGTH` (512) characters. */
  readonly body: string;

  constructor(init: HttpErrorInit) {
    const statusText = init.statusText ?? '';
    super(`HTTP ${init.status}${statusText ? ` ${statusText}` : ''}${init.url ? ` from ${init.url}` : ''}`);
    this.code = `HTTP_${init.status}`;
    this.status = init.status;
    this.statusText = statusText;
    this.url = init.url;
    this.headers = Object.freeze({ ...init.headers });
    this.body = (init.body ?? '').slice(0, BODY_EXCERPT_LENGTH);
  }
}
