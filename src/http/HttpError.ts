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
  /** The start of the response body, or a promise of it (never rejecting) while it is still being read. */
  readonly body?: string | Promise<string>;
}

/**
 * An HTTP response with a failure status, as an error. Its `code` is `HTTP_<status>`, so logs and
 * matchers treat it like any other coded error; `errors.http(...)` and status numbers match it.
 * Status and headers are there at once; the body excerpt may still be on its way (`readBody`).
 */
export class HttpError extends MendkitError {
  readonly code: string;
  readonly status: number;
  readonly statusText: string;
  readonly url: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  #body = '';
  readonly #read: Promise<string>;

  constructor(init: HttpErrorInit) {
    const statusText = init.statusText ?? '';
    super(`HTTP ${init.status}${statusText ? ` ${statusText}` : ''}${init.url ? ` from ${init.url}` : ''}`);
    this.code = `HTTP_${init.status}`;
    this.status = init.status;
    this.statusText = statusText;
    this.url = init.url;
    this.headers = Object.freeze({ ...init.headers });
    this.#read = Promise.resolve(init.body ?? '').then((body) => (this.#body = body.slice(0, BODY_EXCERPT_LENGTH)));
  }

  /**
   * At most 512 characters (`BODY_EXCERPT_LENGTH`) of the body, once read; `''` before that (an
   * error from `raiseForStatus` reads it in the background: `await readBody()` to be sure).
   */
  get body(): string {
    return this.#body;
  }

  /**
   * Resolves with the body excerpt once it has been read (`''` when it could not be).
   * @example catch (error) { if (error instanceof HttpError) log(error.status, await error.readBody()); }
   */
  readBody(): Promise<string> {
    return this.#read;
  }
}
