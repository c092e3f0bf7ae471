import 'reflect-metadata';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { inject, injectable } from 'tsyringe';
import { Heal, HealFailedError, healFailureOf, HttpError, raiseForStatus, RefreshToken, TOKEN_PROVIDER, type TokenProvider } from 'mendkit';
import { useTestKit } from './support/useTestKit';

/** A local API that accepts only the token it issued last; `POST /token` issues a new one. */
class TokenApi {
  refreshes = 0;
  failRefresh = false;
  private valid = 'never-issued';
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      if (req.url === '/token' && req.method === 'POST') {
        this.refreshes++;
        if (this.failRefresh) return void res.writeHead(500).end('token service down');
        this.valid = `secret-token-${this.refreshes}`;
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: this.valid }));
      }
      if (req.headers.authorization !== `Bearer ${this.valid}`) return void res.writeHead(401).end('token expired');
      res.writeHead(200).end('report');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }
}

/** What a user writes: holds the token, and knows how to get a new one. */
class ApiTokens implements TokenProvider {
  private token = 'secret-token-expired';
  constructor(private readonly base: string) {}
  current(): string {
    return this.token;
  }
  async refresh(): Promise<void> {
    const response = await raiseForStatus(await fetch(`${this.base}/token`, { method: 'POST' }));
    this.token = ((await response.json()) as { token: string }).token;
  }
}

@injectable()
class ReportClient {
  constructor(@inject(TOKEN_PROVIDER) private readonly tokens: TokenProvider) {}

  @Heal(RefreshToken)
  async fetchReport(base: string): Promise<string> {
    const token = await this.tokens.current();
    const response = await raiseForStatus(await fetch(`${base}/report`, { headers: { authorization: `Bearer ${token}` } }));
    return response.text();
  }
}

describe('RefreshToken', () => {
  const kit = useTestKit();
  let api: TokenApi;
  let base: string;
  let client: ReportClient;

  beforeEach(async () => {
    api = new TokenApi();
    base = await api.start();
    kit.container.register(TOKEN_PROVIDER, { useValue: new ApiTokens(base) });
    client = kit.container.resolve(ReportClient);
  });
  afterEach(() => {
    api.stop();
  });

  it('20 concurrent calls with an expired token cause exactly one refresh, and all succeed', async () => {
    const reports = await Promise.all(Array.from({ length: 20 }, () => client.fetchReport(base)));
    assert.deepEqual(reports, Array(20).fill('report'));
    assert.equal(api.refreshes, 1);
    assert.equal(kit.logs.events('heal.success').length, 20);
  });

  it('a refresh that fails ends the heal with a clear error: the 401 goes on, refreshed once, no loop', async () => {
    api.failRefresh = true;
    const error = await client.fetchReport(base).catch((e: unknown) => e);
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 401);
    const failure = healFailureOf(error);
    assert.ok(failure?.error instanceof HealFailedError);
    assert.equal(failure.error.message, 'RefreshToken: the token provider could not refresh the token (HTTP_500)');
    assert.equal(api.refreshes, 1);
  });

  it('a token that is refused again after a refresh is not refreshed again (maxHeals 1)', async () => {
    const tokens = kit.container.resolve(TOKEN_PROVIDER) as ApiTokens;
    tokens.refresh = async () => {
      api.refreshes++;
    };
    await assert.rejects(client.fetchReport(base), { status: 401 });
    assert.equal(api.refreshes, 1);
  });

  it('never logs a token', async () => {
    await Promise.all(Array.from({ length: 3 }, () => client.fetchReport(base)));
    api.failRefresh = true;
    await client.fetchReport(base).catch(() => undefined);
    assert.doesNotMatch(JSON.stringify(kit.logs.entries), /secret-token/);
  });
});
