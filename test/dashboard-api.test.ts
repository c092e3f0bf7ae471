import 'reflect-metadata';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { FileRunHistory, Job, type RunRecord, Scheduler } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { dashboardRoutes } from '../src/dashboard/dashboardRoutes';
import { HttpServer } from '../src/serve/HttpServer';
import type { ServeContext } from '../src/serve/ServeContext';
import { FIXTURES, spawnMendkit } from './support/cli';
import { useTestKit } from './support/useTestKit';
import { waitFor } from './support/waitFor';

const TOKEN = 'dashboard-test-token-0123';
const root = mkdtempSync(path.join(tmpdir(), 'mendkit-dashboard-api-'));

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  json(): Record<string, unknown>;
}

function call(url: string, options: { method?: string; token?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as Record<string, unknown> }));
    });
    req.on('error', reject).end();
  });
}

async function serve(context: ServeContext, token?: string): Promise<string> {
  const server = new HttpServer({ address: '127.0.0.1:0', token });
  dashboardRoutes(server, context);
  const { url } = await server.listen();
  after(() => server.close());
  return url;
}

let sequence = 0;
function record(fields: Partial<RunRecord> = {}): RunRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + sequence * 60_000).toISOString();
  sequence += 1;
  return { id: `run-${sequence}`, job: 'sync', trigger: 'cron', scheduledAt: at, startedAt: at, endedAt: at, durationMs: 10, outcome: 'succeeded', attempts: 1, heals: 0, ...fields };
}

/** A state directory whose history holds `count` records: every 10th failed with ECONNRESET, jobs a and b in turn. */
function bigHistory(count: number): string {
  const dir = mkdtempSync(path.join(root, 'big-'));
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const failed = i % 10 === 9;
    lines.push(JSON.stringify(record({ id: `r${i}`, job: i % 2 === 0 ? 'a' : 'b', ...(failed ? { outcome: 'failed', errorCode: 'ECONNRESET', error: 'reset' } : {}) })));
  }
  writeFileSync(path.join(dir, 'runs.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

describe('the dashboard API over a history of 100,000 runs', () => {
  const dir = bigHistory(100_000);

  it('pages newest first without reading past the page, and filters by job, outcome and error code', async () => {
    const url = await serve({ history: new FileRunHistory(dir) });
    const first = (await call(`${url}/api/runs?size=3`)).json();
    assert.deepEqual((first.runs as RunRecord[]).map((run) => run.id), ['r99999', 'r99998', 'r99997']);
    assert.equal(first.hasMore, true);
    const third = (await call(`${url}/api/runs?size=3&page=2`)).json();
    assert.deepEqual((third.runs as RunRecord[]).map((run) => run.id), ['r99993', 'r99992', 'r99991']);
    const failed = (await call(`${url}/api/runs?size=2&outcome=failed&code=ECONNRESET&job=b`)).json();
    assert.deepEqual((failed.runs as RunRecord[]).map((run) => run.id), ['r99999', 'r99989']);
    const last = (await call(`${url}/api/runs?size=50&page=1999`)).json();
    assert.equal((last.runs as RunRecord[]).at(-1)!.id, 'r0');
    assert.equal(last.hasMore, false);
  });

  it('answers 400 for a bad page, size or outcome', async () => {
    const url = await serve({ history: new FileRunHistory(dir) });
    assert.match((await call(`${url}/api/runs?size=100000`)).json().error as string, /size must be an integer from 1 to 200/);
    assert.match((await call(`${url}/api/runs?page=-1`)).json().error as string, /page must be an integer/);
    assert.match((await call(`${url}/api/runs?outcome=exploded`)).json().error as string, /outcome must be one of/);
  });

  it('summarises each job from the newest records: success rate and durations', async () => {
    const url = await serve({ history: new FileRunHistory(dir) });
    const { jobs } = (await call(`${url}/api/jobs?window=10`)).json() as { jobs: { name: string; successRate: number; durations: number[]; lastRun: RunRecord }[] };
    assert.deepEqual(jobs.map((job) => [job.name, job.successRate, job.durations.length, job.lastRun.id]), [
      ['a', 1, 10, 'r99998'],
      ['b', 0.8, 10, 'r99999'],
    ]);
  });
});

describe('the dashboard API with bad input', () => {
  it('says how many lines of a half-written history it skipped', async () => {
    const dir = mkdtempSync(path.join(root, 'torn-'));
    writeFileSync(path.join(dir, 'runs.jsonl'), `${JSON.stringify(record({ id: 'whole' }))}\n{"id":"cut-sh\n${JSON.stringify({ not: 'a run' })}\n`);
    const url = await serve({ history: new FileRunHistory(dir) });
    const page = (await call(`${url}/api/runs`)).json();
    assert.deepEqual((page.runs as RunRecord[]).map((run) => run.id), ['whole']);
    assert.deepEqual(page.skipped, { torn: 1, 'not a run record': 1 });
  });

  it('answers 503 naming the cause when the history cannot be read, and recovers when it can', async () => {
    const dir = mkdtempSync(path.join(root, 'unreadable-'));
    mkdirSync(path.join(dir, 'runs.jsonl')); // a directory where the file should be: EISDIR
    const url = await serve({ history: new FileRunHistory(dir) });
    const runs = await call(`${url}/api/runs`);
    assert.equal(runs.status, 503);
    assert.match(runs.json().error as string, /^cannot read the run history: .*EISDIR/);
    assert.equal((await call(`${url}/api/jobs`)).status, 503);
    assert.equal((await call(`${url}/api/breakers`)).status, 200, 'the rest keeps working');
  });

  it('serves the page and its assets with a strict CSP, Chart.js from the package, and 404 for anything else', async () => {
    const url = await serve({ history: new MemoryRunHistory() });
    const page = await call(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.match(page.headers['content-security-policy'] as string, /script-src 'self'; style-src 'self'/);
    assert.doesNotMatch(page.body, /<script>|style=|https?:\/\//, 'no inline script or style, nothing from elsewhere');
    const chart = await call(`${url}/assets/chart.umd.js`);
    assert.equal(chart.status, 200);
    assert.match(chart.body, /Chart\.js v4/);
    assert.equal((await call(`${url}/assets/app.js`)).status, 200);
    assert.equal((await call(`${url}/assets/..%2Fpackage.json`)).status, 404);
  });
});

describe('the dashboard actions', () => {
  useTestKit({ autoAdvance: true });
  let ran = 0;
  @Job({ name: 'nightly', cron: '0 3 * * *' })
  class Nightly {
    async run() {
      ran += 1;
    }
  }

  it('run now with the token runs the job; without it, or with a wrong one, it is refused; an unknown job is a 404', async () => {
    const history = new MemoryRunHistory();
    const scheduler = new Scheduler({ jobs: [Nightly], history });
    const url = await serve({ scheduler, history }, TOKEN);
    assert.equal((await call(`${url}/api/jobs/nightly/run`, { method: 'POST' })).status, 401);
    assert.equal((await call(`${url}/api/jobs/nightly/run`, { method: 'POST', token: 'wrong-token-wrong-token' })).status, 401);
    assert.equal(history.records.length, 0);
    const accepted = await call(`${url}/api/jobs/nightly/run`, { method: 'POST', token: TOKEN });
    assert.equal(accepted.status, 202);
    await waitFor(() => history.records.length === 1, { what: 'the run' });
    const unknown = await call(`${url}/api/jobs/${encodeURIComponent('<b>nope</b>')}/run`, { method: 'POST', token: TOKEN });
    assert.equal(unknown.status, 404);
    assert.match(unknown.json().error as string, /no job named '<b>nope<\/b>'; known jobs: nightly/);
    assert.match(unknown.headers['content-type'] as string, /^application\/json/, 'the name comes back in JSON, never as HTML');
  });

  it('pause and resume change the job state the jobs API shows; a read-only server refuses them', async () => {
    const history = new MemoryRunHistory();
    const scheduler = new Scheduler({ jobs: [Nightly], history });
    const url = await serve({ scheduler, history }, TOKEN);
    assert.deepEqual((await call(`${url}/api/jobs/nightly/pause`, { method: 'POST', token: TOKEN })).json(), { job: 'nightly', paused: true });
    const [job] = (await call(`${url}/api/jobs`)).json().jobs as { paused: boolean; trigger: string; nextRunAt: string }[];
    assert.equal(job!.paused, true);
    assert.equal(job!.trigger, "cron '0 3 * * *'");
    assert.match(job!.nextRunAt, /T03:00:00\.000Z$/);
    assert.deepEqual((await call(`${url}/api/jobs/nightly/resume`, { method: 'POST', token: TOKEN })).json(), { job: 'nightly', paused: false });
    const readOnly = await serve({ scheduler, history });
    assert.equal((await call(`${readOnly}/api/jobs/nightly/pause`, { method: 'POST' })).status, 403);
    assert.equal((await call(`${readOnly}/api/info`)).json().actions, false);
  });
});

describe('the run feed (Server-Sent Events)', () => {
  it('announces each run recorded after the client connected', async () => {
    const dir = mkdtempSync(path.join(root, 'feed-'));
    const history = new FileRunHistory(dir);
    await history.append(record({ id: 'before' }));
    const url = await serve({ history });
    let text = '';
    const closed = new AbortController();
    after(() => closed.abort());
    await new Promise<void>((resolve, reject) => {
      request(`${url}/api/events`, { signal: closed.signal }, (res) => {
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('error', () => undefined);
        resolve();
      })
        .on('error', (error) => (closed.signal.aborted ? undefined : reject(error)))
        .end();
    });
    await waitFor(() => text.includes('event: status'), { what: () => `the first status; got ${text}` });
    // Another process appends to the file: the feed reads the history, not this process's scheduler.
    appendFileSync(path.join(dir, 'runs.jsonl'), `${JSON.stringify(record({ id: 'after', job: '<img src=x onerror=alert(1)>' }))}\n`);
    await waitFor(() => text.includes('"id":"after"'), { what: () => `the new run; got ${text}` });
    assert.doesNotMatch(text, /"id":"before"/);
  });
});

describe('mendkit start --http', () => {
  it('serves the dashboard beside the scheduler: its jobs with triggers, run now with the token', async () => {
    const dir = mkdtempSync(path.join(root, 'start-'));
    const started = spawnMendkit(['start', path.join(FIXTURES, 'jobs.js'), '--state-dir', dir, '--http', '127.0.0.1:0'], { MENDKIT_HTTP_TOKEN: TOKEN });
    await started.waitFor('job(s) scheduled');
    const url = /serving (http:\/\/\S+)/.exec(started.stderr)![1]!;
    assert.match((await call(`${url}/`)).body, /<title>mendkit dashboard<\/title>/);
    const { jobs } = (await call(`${url}/api/jobs`)).json() as { jobs: { name: string; trigger: string }[] };
    assert.deepEqual(jobs.map((job) => [job.name, job.trigger]), [
      ['hello', "cron '0 3 * * *' (Europe/Paris)"],
      ['broken', 'every 1h'],
    ]);
    assert.equal((await call(`${url}/api/jobs/hello/run`, { method: 'POST', token: TOKEN })).status, 202);
    await waitFor(async () => ((await call(`${url}/api/runs?job=hello`)).json().runs as unknown[]).length === 1, { what: 'the run of hello' });
    started.child.kill('SIGTERM');
    assert.equal(await started.exited, 0);
  });
});

describe('mendkit dashboard', () => {
  it('serves a state directory, read-only; a Redis that is not there is a 503 that names it, not a crash', async () => {
    const dir = bigHistory(10);
    const files = spawnMendkit(['dashboard', '--state-dir', dir, '--http', '127.0.0.1:0']);
    await files.waitFor('mendkit: serving http://');
    const url = /serving (http:\/\/\S+)/.exec(files.stderr)![1]!;
    assert.match(files.stderr, /read-only/);
    assert.equal(((await call(`${url}/api/runs`)).json().runs as unknown[]).length, 10);
    assert.equal((await call(`${url}/api/jobs/a/run`, { method: 'POST' })).status, 403);
    files.child.kill('SIGTERM');
    assert.equal(await files.exited, 0);

    const redis = spawnMendkit(['dashboard', '--redis', 'redis://127.0.0.1:1', '--http', '127.0.0.1:0']);
    await redis.waitFor('mendkit: serving http://');
    const redisUrl = /serving (http:\/\/\S+)/.exec(redis.stderr)![1]!;
    const runs = await call(`${redisUrl}/api/runs`);
    assert.equal(runs.status, 503);
    assert.match(runs.json().error as string, /cannot read the run history: cannot read the run history from Redis at redis:\/\/127\.0\.0\.1:1/);
    assert.equal((await call(`${redisUrl}/`)).status, 200, 'the page still loads');
    redis.child.kill('SIGTERM');
    assert.equal(await redis.exited, 0);
  });
});

describe('the chaos reports in the state directory', () => {
  it('lists them newest first without their file paths, skipping a torn one, and serves each page under its own policy', async () => {
    const dir = mkdtempSync(path.join(root, 'chaos-'));
    mkdirSync(path.join(dir, 'chaos'));
    const id = '2026-12-02T093429.123Z-api-sync';
    const saved = { job: 'api-sync', startedAt: '2026-12-02T09:34:29.123Z', runs: 200, succeeded: 190, failed: 8, lost: 2 };
    writeFileSync(path.join(dir, 'chaos', `${id}.json`), JSON.stringify(saved));
    const policy = "default-src 'none'; script-src 'sha256-AAAA'; style-src 'sha256-BBBB'";
    writeFileSync(path.join(dir, 'chaos', `${id}.html`), `<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy}"><title>report</title>`);
    writeFileSync(path.join(dir, 'chaos', '2026-12-02T100000.000Z-torn.json'), '{"job":"to');
    const url = await serve({ history: new MemoryRunHistory(), stateDir: dir });
    assert.deepEqual((await call(`${url}/api/chaos`)).json(), { reports: [{ id, ...saved }] });
    const page = await call(`${url}/chaos/${id}`);
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], `${policy}; frame-ancestors 'none'`);
    assert.equal((await call(`${url}/chaos/..%2F..%2Fruns`)).status, 404);
    assert.deepEqual((await call(`${(await serve({ history: new MemoryRunHistory() }))}/api/chaos`)).json(), { reports: [] });
  });
});
