import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A response {@link flakyHttpServer} sends: a status, optional body (a string, or JSON) and headers. */
export interface FlakyResponse {
  readonly status: number;
  /** A string is sent as it is (text/plain unless `headers` say otherwise); anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The `Retry-After` header: seconds, or an HTTP date. */
  readonly retryAfter?: number | string;
}

/**
 * One scripted answer: a response, or a network fault — `'reset'` (the connection is reset: fetch
 * fails with `cause.code === 'ECONNRESET'`), `'close'` (the server closes the connection:
 * `UND_ERR_SOCKET`), `'hang'` (never answers: the client's timeout fires) — or a function that
 * answers by hand.
 */
export type FlakyAnswer = FlakyResponse | 'reset' | 'close' | 'hang' | ((req: IncomingMessage, res: ServerResponse) => void);

/** A request the server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** A running {@link flakyHttpServer}. */
export interface FlakyHttpServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** How many requests it has received. */
  readonly requests: number;
  /** Every request received, oldest first. */
  readonly received: readonly ReceivedRequest[];
  /** Stops it, ending any connection left hanging. */
  close(): Promise<void>;
}

function respond(res: ServerResponse, { status, body, headers = {}, retryAfter }: FlakyResponse): void {
  const text = body === undefined || typeof body === 'string' ? (body ?? '') : JSON.stringify(body);
  const type = typeof body === 'string' || body === undefined ? 'text/plain' : 'application/json';
  const all: Record<string, string> = { 'content-type': type, ...headers };
  if (retryAfter !== undefined) all['retry-after'] = String(retryAfter);
  res.writeHead(status, all).end(text);
}

function play(answer: FlakyAnswer, req: IncomingMessage, res: ServerResponse): void {
  if (typeof answer === 'function') answer(req, res);
  else if (answer === 'reset') req.socket.resetAndDestroy();
  else if (answer === 'close') req.socket.destroy();
  else if (answer !== 'hang') respond(res, answer);
}

/**
 * A real HTTP server on 127.0.0.1 that plays `script`, one answer per request; once the script
 * runs out, the last answer repeats. Tests meet real sockets, real status codes and real
 * `Retry-After` headers, as the code under test would in production.
 * @example
 * const server = await flakyHttpServer([{ status: 503, retryAfter: 1 }, 'reset', { status: 200, body: { rows: 42 } }]);
 * try { assert.deepEqual(await client.fetchReport(server.url), { rows: 42 }); } finally { await server.close(); }
 */
export async function flakyHttpServer(script: readonly FlakyAnswer[]): Promise<FlakyHttpServer> {
  if (script.length === 0) throw new TypeError('flakyHttpServer: the script needs at least one answer');
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const answer = script[Math.min(received.length, script.length - 1)]!;
    received.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    play(answer, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get requests() {
      return received.length;
    },
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A URL on 127.0.0.1 where nothing listens: fetch fails there with `cause.code === 'ECONNREFUSED'`.
 * @example await assert.rejects(fetch(await refusedUrl()), { cause: { code: 'ECONNREFUSED' } });
 */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
