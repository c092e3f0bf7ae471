import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadPrometheusExporter } from '../src/metrics/loadPrometheusExporter';
import { historyWritable, jobsRegistered, redisReachable } from '../src/metrics/readinessChecks';
import { FileRunHistory } from 'mendkit';
import { FIXTURES, spawnMendkit } from './support/cli';
import { requirePrometheus } from './support/requires';
import { waitFor } from './support/waitFor';

const healing = path.join(FIXTURES, 'healing.js');
const docs = path.join(__dirname, '..', '..', 'docs');
/** What documents the metrics: the page, the dashboard and the alert rules. */
const DOCUMENTS = ['observability.md', 'observability/grafana-dashboard.json', 'observability/alert-rules.yml'];

/** The Prometheus series names (`mendkit_…`) a text names. */
function seriesNames(text: string): Set<string> {
  return new Set(text.match(/\bmendkit_[a-z_]+[a-z]\b/g) ?? []);
}
const tempDir = () => mkdtempSync(path.join(tmpdir(), 'mendkit-telemetry-'));

/** `GET url`: its status, content type and body. */
async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** A `mendkit start` of the healing job module (a run every `everyMs`) serving `--http` on a free loopback port. */
async function serving(stateDir = tempDir(), everyMs = 200) {
  const child = spawnMendkit(['start', healing, '--state-dir', stateDir, '--http', '127.0.0.1:0'], { MENDING_EVERY_MS: String(everyMs) });
  after(() => child.child.kill('SIGTERM'));
  await child.waitFor('mendkit: serving http://127.0.0.1:');
  return { child, url: /serving (http:\/\/\S+)/.exec(child.stderr)![1]! };
}

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('mendkit start --http: /metrics, /healthz, /readyz', () => {
  it('serves the metrics of a job that retries and heals in the Prometheus text format, and says it is alive and ready', async () => {
    const { url } = await serving();
    const metrics = await waitFor(
      async () => {
        const { body } = await get(`${url}/metrics`);
        return /^mendkit_events_total\{[^}]*event_name="heal\.success"[^}]*\} [1-9]/m.test(body) ? body : undefined;
      },
      { what: 'heal.success counted on /metrics' },
    );
    assert.match((await get(`${url}/metrics`)).type, /^text\/plain; version=0\.0\.4/);
    assert.match(metrics, /^mendkit_events_total\{code_namespace="Mending",code_function="run",event_name="retry\.scheduled",otel_scope_name="mendkit"\} [1-9]/m);
    assert.match(metrics, /^mendkit_attempt_duration_count\{[^}]*mendkit_attempt="2",error_type="EBROKEN",mendkit_attempt_outcome="healed"/m);
    assert.match(metrics, /^mendkit_job_runs_total\{mendkit_job="mending",mendkit_outcome="succeeded",otel_scope_name="mendkit"\} [1-9]/m);
    assert.match(metrics, /^mendkit_job_last_success\{mendkit_job="mending",otel_scope_name="mendkit"\} 1\d{9}/m);

    // Every metric the docs, the dashboard and the alert rules name is served (once each has been observed).
    const served = seriesNames(await waitFor(async () => {
      const { body } = await get(`${url}/metrics`);
      return body.includes('mendkit_circuit_state{') && body.includes('mendkit_bulkhead_queued{') ? body : undefined;
    }, { what: 'the state gauges on /metrics' }));
    for (const document of DOCUMENTS) {
      const named = [...seriesNames(readFileSync(path.join(docs, document), 'utf8'))];
      assert.ok(named.length > 0, `${document} names no metric`);
      assert.deepEqual(named.filter((name) => !served.has(name)), [], `${document} names metrics /metrics does not serve`);
    }

    const health = await get(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual({ ...JSON.parse(health.body), uptimeSeconds: 0 }, { status: 'ok', scheduler: 'running', uptimeSeconds: 0 });
    const ready = await get(`${url}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(JSON.parse(ready.body).checks.jobs.detail, '1 job(s)');
  });

  it('after a restart, mendkit_job_last_success starts from the run history', async () => {
    const stateDir = tempDir();
    const { child: first } = await serving(stateDir);
    await first.waitFor('"event":"job.succeeded"');
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0, first.stderr);
    // Now a run only every hour: the gauge can only come from the history.
    const { url } = await serving(stateDir, 3_600_000);
    const lastSuccess = /^mendkit_job_last_success\{mendkit_job="mending",otel_scope_name="mendkit"\} (\S+)$/m;
    const seconds = await waitFor(async () => lastSuccess.exec((await get(`${url}/metrics`)).body)?.[1], { what: 'mendkit_job_last_success' });
    const [record] = (await new FileRunHistory(stateDir).read({ job: 'mending', limit: 1 })).filter((r) => r.outcome === 'succeeded');
    assert.ok(record !== undefined);
    assert.ok(Number(seconds) >= Date.parse(record.endedAt) / 1000, `${seconds} is before the last success recorded`);
  });

  it('without the exporter packages, /metrics says which to install', () => {
    const without = (missing: string) => (name: string) => {
      if (name === missing) throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
      return {};
    };
    assert.equal(
      loadPrometheusExporter(without('@opentelemetry/exporter-prometheus')),
      '/metrics needs @opentelemetry/exporter-prometheus: npm install @opentelemetry/api @opentelemetry/sdk-metrics @opentelemetry/exporter-prometheus',
    );
  });

  it('readiness fails, naming why, for a history that cannot be written, no jobs, or Redis that does not answer', async () => {
    assert.deepEqual(await historyWritable({ history: undefined as never, stateDir: '/dev/null/state' }), {
      ok: false,
      detail: "/dev/null/state: ENOTDIR: not a directory, access '/dev/null/state'",
    });
    assert.deepEqual(jobsRegistered({ history: undefined as never, scheduler: { jobNames: [] } as never }), { ok: false, detail: 'no jobs registered' });
    const redis = await redisReachable({ history: undefined as never, redisUrl: `redis://127.0.0.1:${await freePort()}` });
    assert.equal(redis?.ok, false);
    assert.match(redis?.detail ?? '', /ECONNREFUSED/);
  });
});

describe('a real Prometheus scrapes mendkit', { skip: requirePrometheus() }, () => {
  it("accepts the example alert rules (promtool check rules)", () => {
    const checked = spawnSync('promtool', ['check', 'rules', path.join(docs, 'observability', 'alert-rules.yml')], { encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  });

  it('finds retry.scheduled counted in mendkit_events_total', async () => {
    const target = new URL((await serving()).url);
    const dir = tempDir();
    const config = path.join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      ['global:', '  scrape_interval: 1s', 'scrape_configs:', '  - job_name: mendkit', '    static_configs:', `      - targets: ['${target.host}']`, ''].join('\n'),
    );
    const port = await freePort();
    const prometheus: ChildProcess = spawn(
      'prometheus',
      [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    prometheus.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    after(() => prometheus.kill('SIGKILL'));
    const query = encodeURIComponent('mendkit_events_total{event_name="retry.scheduled"}');
    const value = await waitFor(
      async () => {
        try {
          const answer = (await (await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${query}`)).json()) as {
            data: { result: { metric: Record<string, string>; value: [number, string] }[] };
          };
          const sample = answer.data.result[0];
          return sample !== undefined && Number(sample.value[1]) > 0 ? sample : undefined;
        } catch {
          return undefined; // Prometheus is still starting
        }
      },
      { what: () => `retry.scheduled in Prometheus; its log:\n${log.slice(-2000)}`, timeoutMs: 60_000, intervalMs: 250 },
    );
    assert.equal(value.metric.job, 'mendkit');
    assert.equal(value.metric.code_function, 'run');
  });
});
