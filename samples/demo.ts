/**
 * mendkit's demo: a report fetcher against a flaky API (a local server that answers 503 twice,
 * then the report) and a settings loader whose file is missing. Run: npm run demo
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { injectable, container } from 'tsyringe';
import { Catch, errors, exponential, Logged, raiseForStatus, Retry, Timeout, currentCall } from 'mendkit';

/** A stand-in for a real API that is having a bad minute: 503, 503, then the report. */
function startFlakyApi(): Promise<Server> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    if (requests <= 2) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('upstream busy');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows: 42 }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

@injectable()
class ReportFetcher {
  @Logged()
  @Retry({ attempts: 4, backoff: exponential({ multiplier: 100, max: 1000 }) })
  @Timeout(2000)
  async fetchReport(url: string): Promise<{ rows: number }> {
    const { signal } = currentCall();
    const response = await raiseForStatus(await fetch(url, { signal }));
    return (await response.json()) as { rows: number };
  }
}

@injectable()
class SettingsLoader {
  @Logged()
  @Catch(errors.fileNotFound, 'defaults')
  async load(path: string): Promise<{ region: string }> {
    return JSON.parse(await readFile(path, 'utf8')) as { region: string };
  }

  defaults(_error: unknown, path: string): { region: string } {
    console.log(`settings file ${path} not found: using defaults`);
    return { region: 'eu-west-1' };
  }
}

async function main(): Promise<void> {
  const api = await startFlakyApi();
  try {
    const { port } = api.address() as AddressInfo;
    const report = await container.resolve(ReportFetcher).fetchReport(`http://127.0.0.1:${port}/report`);
    console.log(`report fetched: ${report.rows} rows`);
    const settings = await container.resolve(SettingsLoader).load('/nonexistent/mendkit-demo/settings.json');
    console.log(`region: ${settings.region}`);
  } finally {
    api.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
