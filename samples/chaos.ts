/**
 * A chaos run of a small service: an inventory sync that fetches stock from an API (a local
 * server here) and writes a snapshot file. Faults are injected at rate 0.3 — connection resets,
 * 503s with Retry-After, and the snapshot directory removed for real — and the report shows how
 * @Retry and @Heal(EnsureDirectory) rode them out. Run: npm run build && node dist/samples/chaos.js
 */
import 'reflect-metadata';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  currentCall,
  EnsureDirectory,
  exponential,
  type FaultRule,
  faults,
  formatChaosReport,
  Heal,
  raiseForStatus,
  Retry,
  runChaos,
  Timeout,
} from 'mendkit';

/** Where the sync reads from and writes to. */
export interface SyncSettings {
  readonly url: string;
  readonly outDir: string;
}

/** Fetches the stock list and writes it to `<outDir>/snapshots/stock.json`; returns how many items. */
export class InventorySync {
  constructor(private readonly settings: SyncSettings) {}

  @Retry({ attempts: 6, backoff: exponential({ multiplier: 500, max: 8000 }) })
  // maxHeals 2: a chaos run (seed 42) found a call that lost its directory twice, and failed with 1.
  @Heal(EnsureDirectory, { maxHeals: 2 })
  @Timeout(2000)
  async run(): Promise<number> {
    const { signal } = currentCall();
    const response = await raiseForStatus(await fetch(this.settings.url, { signal }));
    const { items } = (await response.json()) as { items: string[] };
    await writeFile(join(this.settings.outDir, 'snapshots', 'stock.json'), JSON.stringify(items));
    return items.length;
  }
}

/**
 * The faults of the sample's chaos run, `rate` in all: 40% of it connection resets (as fetch
 * reports them), 40% 503s asking to retry after 1 s, 20% the snapshot directory removed for real
 * just before the attempt (the write then meets a real ENOENT).
 */
export function inventoryFaults(rate: number, outDir: string): FaultRule[] {
  const removeSnapshots = () => rm(join(outDir, 'snapshots'), { recursive: true, force: true });
  return [
    { rate: rate * 0.4, fault: faults.network('ECONNRESET', { fetch: true }) },
    { rate: rate * 0.4, fault: faults.http(503, { retryAfter: 1 }) },
    { rate: rate * 0.2, fault: faults.before('snapshots removed', removeSnapshots) },
  ];
}

/** A stand-in for the stock API: always answers, so every failure in the report was injected. */
export async function startStockApi(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: ['bolts', 'nuts', 'washers'] }));
  });
  // Never the first to close an idle connection: a request sent just as the server dropped it
  // (5 s idle by default, reached on a busy machine) would fail for real, not by injection.
  server.keepAliveTimeout = 600_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function main(): Promise<void> {
  const api = await startStockApi();
  const outDir = join(tmpdir(), `mendkit-chaos-sample-${process.pid}`);
  try {
    const { port } = api.address() as AddressInfo;
    const sync = new InventorySync({ url: `http://127.0.0.1:${port}/stock`, outDir });
    // 200 syncs a minute apart, in well under a second: the clock skips every wait.
    const report = await runChaos({ target: sync, runs: 200, seed: 42, intervalMs: 60_000, faults: inventoryFaults(0.3, outDir) });
    console.log(formatChaosReport(report));
    process.exitCode = report.failed + report.lost > 0 ? 1 : 0;
  } finally {
    api.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
