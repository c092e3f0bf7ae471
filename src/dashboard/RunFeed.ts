import type { ServerResponse } from 'node:http';
import type { RunHistory } from '../jobs/RunHistory';
import { errorMessage } from '../matching/errorFacts';

/** How often the history's tail is read while someone listens, in ms. */
export const FEED_INTERVAL_MS = 1000;
/** How many of the newest records each look reads: more runs than this between two looks are not all announced. */
const TAIL = 100;

/**
 * The runs recorded since, as Server-Sent Events: `run` (a new record, as JSON) and `status`
 * (`{ ok, error? }` when reading the history starts or stops failing — a Redis gone away, an
 * unreadable file). It reads the history's tail, so it sees runs recorded by any process — the
 * scheduler of this one or one elsewhere — and reads nothing while nobody listens.
 */
export class RunFeed {
  private readonly listeners = new Set<ServerResponse>();
  /** The ids of the tail last read; undefined until a read succeeded (nothing to compare with). */
  private seen: Set<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failing: string | undefined;

  constructor(
    private readonly history: RunHistory,
    private readonly intervalMs = FEED_INTERVAL_MS,
  ) {}

  /** Streams events to `res` until `signal` aborts. */
  async subscribe(res: ServerResponse, signal: AbortSignal): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    res.write(': mendkit run feed\n\n');
    if (this.listeners.size === 0) {
      this.seen = undefined; // runs recorded while nobody listened are not news
      await this.look();
    }
    this.send(res, 'status', this.failing === undefined ? { ok: true } : { ok: false, error: this.failing });
    this.listeners.add(res);
    this.schedule();
    signal.addEventListener(
      'abort',
      () => {
        this.listeners.delete(res);
        res.end();
        if (this.listeners.size === 0) this.stopTimer();
      },
      { once: true },
    );
  }

  private schedule(): void {
    if (this.timer !== undefined || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      void this.look().finally(() => {
        this.timer = undefined;
        this.schedule();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Reads the tail; announces the records not in the previous read, and any change of health. */
  private async look(): Promise<void> {
    try {
      const records = await this.history.read({ limit: TAIL });
      if (this.failing !== undefined) {
        this.failing = undefined;
        this.broadcast('status', { ok: true });
      }
      const { seen } = this;
      if (seen !== undefined) for (const record of records) if (!seen.has(record.id)) this.broadcast('run', record);
      this.seen = new Set(records.map((record) => record.id));
    } catch (error) {
      const message = `cannot read the run history: ${errorMessage(error)}`;
      if (this.failing !== message) this.broadcast('status', { ok: false, error: message });
      this.failing = message;
    }
  }

  private broadcast(event: string, data: unknown): void {
    for (const res of this.listeners) this.send(res, event, data);
  }

  private send(res: ServerResponse, event: string, data: unknown): void {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
