import type { IncomingMessage, ServerResponse } from 'node:http';
import { isolateBreaker, resetBreaker } from '../breaker/breakerControls';
import type { BreakerSelector } from '../breaker/breakerControls';
import { isMendkitError } from '../errors/MendkitError';
import { errorMessage } from '../matching/errorFacts';
import type { HttpServer } from './HttpServer';
import type { RouteRequest } from './HttpRoute';
import { sendJson } from './respond';
import type { ServeContext } from './ServeContext';
import type { BreakerSnapshot } from '../breaker/CircuitBreakerOptions';
import { breakerView } from './breakerView';

/** The largest body an order may have: `{ "name": …, "key": … }` fits many times over. */
const MAX_BODY_BYTES = 16 * 1024;

/** Which breaker an order names. */
interface Target {
  readonly name: string;
  readonly key?: string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req.setEncoding('utf8') as AsyncIterable<string>) {
    body += chunk;
    if (body.length > MAX_BODY_BYTES) throw new RangeError(`the body is over ${MAX_BODY_BYTES} bytes`);
  }
  return body;
}

/**
 * The breaker an order names: a JSON body `{ name, key? }`, else the query `?name=…&key=…`.
 * @returns the target, or why the request does not name one.
 */
async function targetOf(url: URL, req: IncomingMessage): Promise<Target | string> {
  let body: string;
  try {
    body = await readBody(req);
  } catch (error) {
    return errorMessage(error);
  }
  let fields: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body.trim() !== '') {
    try {
      fields = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return 'the body must be JSON: { "name": "Class.method", "key": "…" }';
    }
  }
  const { name, key } = fields ?? {};
  if (typeof name !== 'string' || name === '') return '`name` (the breaker, as Class.method) is required';
  if (key !== undefined && typeof key !== 'string') return '`key` must be a string';
  return key === undefined ? { name } : { name, key };
}

/** Runs an operator's order on the breaker the request names; 404 for a breaker that has not run. */
function order(act: (name: string, selector: BreakerSelector) => BreakerSnapshot[]) {
  return async ({ url }: RouteRequest, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = await targetOf(url, req);
    if (typeof target === 'string') return sendJson(res, 400, { error: target });
    try {
      const changed = act(target.name, target.key === undefined ? {} : { key: target.key });
      sendJson(res, 200, { breakers: changed.map(breakerView) });
    } catch (error) {
      if (!isMendkitError(error, 'MENDKIT_CONFIG')) throw error;
      sendJson(res, 404, { error: error.message });
    }
  };
}

/**
 * The breaker actions (they need the server's token; the dashboard serves the listing,
 * `GET /api/breakers`): `POST /api/breakers/isolate` and
 * `POST /api/breakers/reset`, given `{ name, key? }` as a JSON body or a query; they answer with
 * the breakers changed, `{ breakers: [...] }`, or 404 when no such breaker has run here.
 */
export function breakerRoutes(server: HttpServer, _context: ServeContext): void {
  server.route(
    { method: 'POST', path: '/api/breakers/isolate', action: true, handle: order(isolateBreaker) },
    { method: 'POST', path: '/api/breakers/reset', action: true, handle: order(resetBreaker) },
  );
}
