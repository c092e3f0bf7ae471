import { container } from 'tsyringe';
import { LOGGER } from '../di/tokens';
import { HttpServer, HttpServerError } from '../serve/HttpServer';
import type { RouteSet, ServeContext } from '../serve/ServeContext';
import { CliFailure, EXIT } from './exitCodes';

/** Every feature that serves endpoints, in the order their routes are registered. */
const ROUTE_SETS: readonly RouteSet[] = [];

/** The `--http` and `--http-token` options of a command. */
export interface HttpOptions {
  readonly address?: string;
  readonly token?: string;
}

/** The token for actions: `--http-token`, else `MENDKIT_HTTP_TOKEN`. */
function httpToken(options: HttpOptions): string | undefined {
  if (options.token !== undefined) return options.token;
  const fromEnv = process.env.MENDKIT_HTTP_TOKEN;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/**
 * With an address (`--http`), starts the HTTP server with every route set and says where on stderr;
 * resolves with it (undefined without `--http`).
 * @throws CliFailure: usage for a bad address or token, httpUnavailable when it cannot listen.
 */
export async function serveHttp(options: HttpOptions, context: ServeContext, say: (line: string) => void): Promise<HttpServer | undefined> {
  const { address } = options;
  if (address === undefined) return undefined;
  let server: HttpServer;
  try {
    server = new HttpServer({ address, token: httpToken(options), logger: container.resolve(LOGGER) });
    for (const register of ROUTE_SETS) register(server, context);
    const { url } = await server.listen();
    say(`mendkit: serving ${url}${server.acceptsActions ? '' : ' (read-only: no --http-token)'}`);
  } catch (error) {
    if (error instanceof HttpServerError) throw new CliFailure(error.reason === 'config' ? EXIT.usage : EXIT.httpUnavailable, `--http: ${error.message}`);
    throw error;
  }
  return server;
}
