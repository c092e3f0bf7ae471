/**
 * A small records API for the api-sync sample, on 127.0.0.1, that misbehaves the way real ones
 * do: `POST /token` issues a bearer token; `GET /records?page=N` answers one page of records
 * (`{ page, records, nextPage }`) — except that, counting page requests, every `resetEvery`-th has
 * its connection reset, every `throttleEvery`-th answers 429 with `Retry-After`, and a token
 * expires (401) once it has served `tokenUses` pages. Faults come by count, not by chance, so a
 * run against it is reproducible.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the API pages and misbehaves; 0 turns a fault off. */
export interface RecordsApiOptions {
  /** Pages of records. @default 3 */
  readonly pages?: number;
  /** Records per page. @default 4 */
  readonly pageSize?: number;
  /** Pages a token serves before it expires (401). @default 10 */
  readonly tokenUses?: number;
  /** Every this-many-th page request has its connection reset. @default 23 */
  readonly resetEvery?: number;
  /** Every this-many-th page request answers 429. @default 29 */
  readonly throttleEvery?: number;
  /** The `Retry-After` of a 429, in seconds. @default 1 */
  readonly retryAfterSeconds?: number;
  /** Let the process exit while the server listens (a module that starts one for itself). @default false */
  readonly unref?: boolean;
}

/** What the API did so far. */
export interface RecordsApiStats {
  pageRequests: number;
  resets: number;
  throttled: number;
  expired: number;
  tokensIssued: number;
  pagesServed: number;
}

/** A running records API. */
export interface RecordsApi {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly stats: Readonly<RecordsApiStats>;
  close(): Promise<void>;
}

/** One record as the API serves it. */
export interface ApiRecord {
  readonly id: string;
  readonly amountCents: number;
}

const DEFAULTS = { pages: 3, pageSize: 4, tokenUses: 10, resetEvery: 23, throttleEvery: 29, retryAfterSeconds: 1 };

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function every(count: number, n: number): boolean {
  return n > 0 && count % n === 0;
}

/** Starts the API on a free port of 127.0.0.1. */
export async function startRecordsApi(options: RecordsApiOptions = {}): Promise<RecordsApi> {
  const settings = { ...DEFAULTS, ...options };
  const stats: RecordsApiStats = { pageRequests: 0, resets: 0, throttled: 0, expired: 0, tokensIssued: 0, pagesServed: 0 };
  /** Live tokens and the pages each has served. */
  const tokens = new Map<string, number>();

  const page = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    stats.pageRequests += 1;
    if (every(stats.pageRequests, settings.resetEvery)) {
      stats.resets += 1;
      req.socket.resetAndDestroy();
      return;
    }
    if (every(stats.pageRequests, settings.throttleEvery)) {
      stats.throttled += 1;
      json(res, 429, { error: 'slow down' }, { 'retry-after': String(settings.retryAfterSeconds) });
      return;
    }
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const used = token === undefined ? undefined : tokens.get(token);
    if (token === undefined || used === undefined || used >= settings.tokenUses) {
      if (token !== undefined) tokens.delete(token);
      stats.expired += 1;
      json(res, 401, { error: 'token expired or unknown' });
      return;
    }
    tokens.set(token, used + 1);
    const number = Number(url.searchParams.get('page') ?? 1);
    const records: ApiRecord[] = Array.from({ length: settings.pageSize }, (_, i) => ({
      id: `r-${number}-${i + 1}`,
      amountCents: number * 100 + i,
    }));
    stats.pagesServed += 1;
    json(res, 200, { page: number, records, nextPage: number < settings.pages ? number + 1 : null });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/token') {
      const token = randomBytes(12).toString('hex');
      tokens.set(token, 0);
      stats.tokensIssued += 1;
      json(res, 200, { token });
    } else if (req.method === 'GET' && url.pathname === '/records') {
      page(req, res, url);
    } else {
      json(res, 404, { error: `no route ${req.method} ${url.pathname}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  if (settings.unref) server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
