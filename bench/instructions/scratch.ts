import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A fresh temporary directory, and files outside it the runs leave behind (V8's perf maps, which
 * it always writes to /tmp/perf-<pid>.map): all removed by `dispose`, also on Ctrl-C.
 */
export class Scratch {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'mendkit-instructions-'));
  private readonly strays = new Set<string>();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.dispose();
    process.kill(process.pid, signal);
  };

  constructor() {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  /** `file` is removed with the directory. */
  track(file: string): void {
    this.strays.add(file);
  }

  /** Removes `file` now and stops tracking it. */
  remove(file: string): void {
    rmSync(file, { force: true });
    this.strays.delete(file);
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    for (const file of this.strays) rmSync(file, { force: true });
    this.strays.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
