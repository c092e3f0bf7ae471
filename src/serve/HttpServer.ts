import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'winston';
import { errorMessage } from '../matching/errorFacts';
import { hasBearerToken, MIN_TOKEN_LENGTH } from './bearerToken';
import type { HttpRoute } from './HttpRoute';
import { formatAuthority, isLoopback, type ListenAddress, parseListenAddress } from './ListenAddress';
import { matchRoute } from './matchRoute';
import { sendJson } from './respond';
import { SECURITY_HEADERS } from './securityHeaders';

/** How the HTTP server is set up. */
export interface HttpServerOptions {
  /** Where to listen: `host:port`, `[ipv6]:port`, a bare port (on 127.0.0.1), or the parsed form. */
  readonly address: string | ListenAddress;
  /**
   * The token that actions need as `Authorization: Bearer <token>` (at least 16 characters).
   * Without one the server is read-only, and it refuses to listen beyond loopback.
   */
  readonly token?: string;
  /** Where a handler's unexpected error is logged (`http.error`). */
  readonly logger?: Pick<Logger, 'error'>;
}

/** Why the HTTP server cannot start: `config` (bad address or token: fix the command), `listen` (the OS refused). */
export class HttpServerError extends Error {
  constructor(
    readonly reason: 'config' | 'listen',
    message: string,
  ) {
    super(message);
    this.name = 'HttpServerError';
  }
}

const LISTEN_FAILURES: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use by another process',
  EADDRNOTAVAIL: 'that address is not one of this machine',
  EACCES: 'not permitted (ports below 1024 need privileges)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
};

/**
 * mendkit's HTTP server: routes registered by the features that serve something (health, metrics,
 * the dashboard), one policy for all of them — security headers on every response, actions only
 * with the bearer token, loopback by default and refused beyond it without a token, and requests
 * to a loopback server only under a loopback host name (so a web page cannot reach it through DNS
 * rebinding).
 */
export class HttpServer {
  readonly #routes: HttpRoute[] = [];
  readonly #address: ListenAddress;
  readonly #token: string | undefined;
  readonly #logger: Pick<Logger, 'error'> | undefined;
  readonly #closing = new AbortController();
  #server: Server | undefined;

  /** @throws HttpServerError (`config`) for a bad address, a short token, or a non-loopback address without a token. */
  constructor(options: HttpServerOptions) {
    try {
      this.#address = typeof options.address === 'string' ? parseListenAddress(options.address) : options.address;
    } catch (error) {
      throw new HttpServerError('config', errorMessage(error));
    }
    if (options.token !== undefined && options.token.length < MIN_TOKEN_LENGTH) {
      throw new HttpServerError('config', `the HTTP token must be at least ${MIN_TOKEN_LENGTH} characters, got ${options.token.length}`);
    }
    if (options.token === undefined && !isLoopback(this.#address.host)) {
      throw new HttpServerError(
        'config',
        `refusing to listen on ${formatAuthority(this.#address)} without a token: beyond loopback anyone could reach it; set --http-token (or MENDKIT_HTTP_TOKEN), or listen on 127.0.0.1`,
      );
    }
    this.#token = options.token;
    this.#logger = options.logger;
  }

  /** True when actions are possible (a token is set). */
  get acceptsActions(): boolean {
    return this.#token !== undefined;
  }

  /** Adds routes; a method and path registered twice is a programming error. */
  route(...routes: readonly HttpRoute[]): this {
    for (const route of routes) {
      if (this.#routes.some((known) => known.method === route.method && known.path === route.path)) {
        throw new Error(`HTTP route ${route.method} ${route.path} is registered twice`);
      }
      this.#routes.push(route);
    }
    return this;
  }

  /**
   * Starts listening; resolves with where (the actual port when 0 was asked).
   * @throws HttpServerError (`listen`) when the OS refuses: port in use, address not local…
   */
  async listen(): Promise<ListenAddress & { readonly url: string }> {
    const server = createServer((req, res) => void this.#serve(req, res));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const why = LISTEN_FAILURES[error.code ?? ''] ?? errorMessage(error);
        reject(new HttpServerError('listen', `cannot listen on ${formatAuthority(this.#address)}: ${why}`));
      });
      server.listen(this.#address.port, this.#address.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const address = { host: this.#address.host, port };
    return { ...address, url: `http://${formatAuthority(address)}` };
  }

  /** Stops accepting, ends open streams, and resolves once every connection is closed. */
  async close(): Promise<void> {
    this.#closing.abort();
    const server = this.#server;
    if (server === undefined || !server.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://mendkit.invalid');
    if (!this.#hostAllowed(req)) return sendJson(res, 403, { error: 'this server answers only under a loopback host name (localhost, 127.0.0.1, [::1])' });
    const onPath = this.#routes.filter((route) => matchRoute(route.path, url.pathname) !== undefined);
    const route = onPath.find((candidate) => candidate.method === req.method);
    if (route === undefined) {
      if (onPath.length === 0) return sendJson(res, 404, { error: `no such endpoint: ${url.pathname}` });
      return sendJson(res, 405, { error: `${req.method ?? ''} is not allowed here` }, { allow: onPath.map((known) => known.method).join(', ') });
    }
    if (route.action === true) {
      if (this.#token === undefined) return sendJson(res, 403, { error: 'read-only: this server was started without a token (--http-token or MENDKIT_HTTP_TOKEN)' });
      if (!hasBearerToken(req, this.#token)) {
        return sendJson(res, 401, { error: 'this action needs the token as Authorization: Bearer <token>' }, { 'www-authenticate': 'Bearer' });
      }
    }
    const gone = new AbortController();
    const stop = () => gone.abort();
    res.once('close', stop);
    this.#closing.signal.addEventListener('abort', stop, { once: true });
    res.once('close', () => this.#closing.signal.removeEventListener('abort', stop));
    try {
      await route.handle({ url, params: matchRoute(route.path, url.pathname) ?? {}, signal: gone.signal }, req, res);
    } catch (error) {
      this.#logger?.error('http.error', { event: 'http.error', route: `${route.method} ${route.path}`, error: errorMessage(error) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error; the server log has the details' });
      else res.destroy();
    }
  }

  #hostAllowed(req: IncomingMessage): boolean {
    if (!isLoopback(this.#address.host)) return true;
    const host = req.headers.host ?? '';
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
    return isLoopback(name);
  }
}
