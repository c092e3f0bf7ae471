/**
 * api-sync: every few minutes, pulls all pages of records from an HTTP API and writes them to
 * `<API_SYNC_DIR>/records.json`, replaced atomically each run. The API is a real one having a bad
 * day: it resets connections and answers 429 with `Retry-After` (`@Retry` waits and resumes at the
 * page that failed), and its tokens expire (`@Heal(RefreshToken)` gets a new one from the API and
 * re-runs at once). Readers never see a half-written file (`atomicWrite`); a directory that does
 * not exist (yet, or any more) is created by `@Heal(EnsureDirectory)` when the write meets ENOENT.
 *
 *   mendkit run   dist/samples/api-sync.js api-sync      # once, now
 *   mendkit start dist/samples/api-sync.js               # every API_SYNC_EVERY
 *   mendkit chaos dist/samples/api-sync.js api-sync --runs 200 --rate 0.3 --seed 42   # npm run chaos
 *
 * Settings from the environment: API_SYNC_URL (default: a local records API started on first
 * use, see records-api.ts), API_SYNC_DIR (default <tmpdir>/mendkit-api-sync), API_SYNC_EVERY (default 5m).
 */
import 'reflect-metadata';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { container, inject, injectable, singleton } from 'tsyringe';
import {
  atomicWrite,
  currentCall,
  EnsureDirectory,
  exponential,
  Heal,
  Job,
  type JobContext,
  raiseForStatus,
  RefreshToken,
  Retry,
  Timeout,
  TOKEN_PROVIDER,
  type TokenProvider,
} from 'mendkit';
import { type ApiRecord, startRecordsApi } from './records-api';

/** Where the API is and where records go; read from the environment once. */
@singleton()
export class ApiSyncSettings {
  readonly dir = path.resolve(process.env.API_SYNC_DIR ?? path.join(tmpdir(), 'mendkit-api-sync'));
  private base: Promise<string> | undefined;

  /** The API's base URL: API_SYNC_URL, else a local records API started on first use. */
  url(): Promise<string> {
    const given = process.env.API_SYNC_URL;
    return (this.base ??= given ? Promise.resolve(given.replace(/\/+$/, '')) : startRecordsApi({ unref: true }).then((api) => api.url));
  }
}

/** The API's bearer token; a new one comes from `POST /token`. What `RefreshToken` refreshes. */
@injectable()
export class ApiTokens implements TokenProvider {
  private token: Promise<string> | undefined;

  constructor(private readonly settings: ApiSyncSettings) {}

  current(): Promise<string> {
    return (this.token ??= this.issue());
  }

  async refresh(): Promise<void> {
    const next = this.issue();
    this.token = next;
    await next;
  }

  private async issue(): Promise<string> {
    const response = await raiseForStatus(await fetch(`${await this.settings.url()}/token`, { method: 'POST' }));
    return ((await response.json()) as { token: string }).token;
  }
}

// One token for the whole process: the job reads it, RefreshToken renews it.
container.registerSingleton(TOKEN_PROVIDER, ApiTokens);

interface Page {
  readonly records: ApiRecord[];
  readonly nextPage: number | null;
}

@Job({ name: 'api-sync', every: process.env.API_SYNC_EVERY ?? '5m', runOnStart: true, timeoutMs: 5 * 60_000 })
export class ApiSyncJob {
  /** The pages each run has fetched so far: a retried or healed attempt resumes after them. */
  private readonly fetched = new WeakMap<JobContext, Page[]>();

  constructor(
    private readonly settings: ApiSyncSettings,
    @inject(TOKEN_PROVIDER) private readonly tokens: TokenProvider,
  ) {}

  @Retry({ attempts: 10, backoff: exponential({ multiplier: 500, max: 10_000 }) })
  @Heal(RefreshToken, { maxHeals: 2 })
  @Heal(EnsureDirectory)
  @Timeout(10_000)
  async run(context: JobContext): Promise<number> {
    const { signal } = currentCall(); // read before the first await: the attempt's context is synchronous
    const pages = this.fetched.get(context) ?? [];
    this.fetched.set(context, pages);
    while (pages.length === 0 || pages[pages.length - 1]!.nextPage !== null) {
      pages.push(await this.page(pages.length + 1, signal));
    }
    const records = pages.flatMap((page) => page.records);
    const file = path.join(this.settings.dir, 'records.json');
    await atomicWrite(file, `${JSON.stringify(records, null, 2)}\n`);
    context.logger.info(`api-sync: ${records.length} records from ${pages.length} pages written to ${file}`, {
      event: 'apiSync.written',
      file,
      records: records.length,
    });
    return records.length;
  }

  private async page(number: number, signal: AbortSignal): Promise<Page> {
    const headers = { authorization: `Bearer ${await this.tokens.current()}` };
    const response = await raiseForStatus(await fetch(`${await this.settings.url()}/records?page=${number}`, { headers, signal }));
    return (await response.json()) as Page;
  }
}
