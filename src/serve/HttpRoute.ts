import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route's handler is given besides the raw request and response. */
export interface RouteRequest {
  /** The request URL, parsed (path and query). */
  readonly url: URL;
  /** The values of the pattern's `:name` segments, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Aborted when the client goes away (or the server closes): long-lived responses (SSE) end on it. */
  readonly signal: AbortSignal;
}

/** Handles one request; it must end the response (or keep it open until `signal` aborts, for a stream). */
export type RouteHandler = (request: RouteRequest, req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One endpoint of the HTTP server. */
export interface HttpRoute {
  readonly method: 'GET' | 'POST';
  /**
   * `/exact/path`, with `:name` segments matching one path segment (`/api/jobs/:name/run`) and a
   * final `*` matching the rest (`/assets/*`, given as `params['*']`).
   */
  readonly path: string;
  /**
   * An action changes something (runs a job, pauses one, resets a breaker): it needs the server's
   * token as `Authorization: Bearer <token>`, and is refused when the server has none (read-only).
   */
  readonly action?: boolean;
  readonly handle: RouteHandler;
}
