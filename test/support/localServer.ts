import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on 127.0.0.1 whose answers a test scripts, one per request. */
export interface LocalServer {
  readonly url: string;
  /** How many requests it has received. */
  readonly requests: number;
  close(): Promise<void>;
}

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/** Answers: the n-th request gets `answers[n]`, later ones the last answer. */
export async function localServer(answers: readonly Answer[]): Promise<LocalServer> {
  let requests = 0;
  const server = createServer((req, res) => {
    const answer = answers[Math.min(requests, answers.length - 1)]!;
    requests += 1;
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resets the connection: fetch fails with `cause.code === 'ECONNRESET'`. */
export const reset: Answer = (req) => req.socket.resetAndDestroy();

/** An HTTP status with optional headers and body. */
export function status(code: number, headers: Record<string, string> = {}, body = ''): Answer {
  return (_req, res) => {
    res.writeHead(code, headers).end(body);
  };
}

/** 200 with a JSON body. */
export function json(value: unknown): Answer {
  return status(200, { 'content-type': 'application/json' }, JSON.stringify(value));
}

/** A URL on 127.0.0.1 where nothing listens: fetch fails with `cause.code === 'ECONNREFUSED'`. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
