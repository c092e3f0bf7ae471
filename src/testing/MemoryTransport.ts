import TransportStream from 'winston-transport';
import { LINE } from '../logging/lineMessage';

/** One captured log line: winston's info object, every structured field included. */
export interface LogEntry {
  readonly level: string;
  readonly message: string;
  readonly event?: string;
  readonly [field: string]: unknown;
}

/**
 * A winston transport that keeps every line in memory, so tests assert on structured fields —
 * and, under `createLogger`, on the exact JSON line a file would receive ({@link json}).
 * @example
 * const memory = new MemoryTransport();
 * const logger = createLogger({ level: 'debug', console: false, transports: [memory] });
 * ...
 * assert.equal(memory.events('retry.scheduled').length, 2);
 * assert.equal(memory.json()[0].component, 'ReportFetcher.fetchReport');
 */
export class MemoryTransport extends TransportStream {
  /** Every line written, oldest first. */
  readonly entries: LogEntry[] = [];

  /** winston's hook: keeps the line and emits `logged` with it. */
  override log(info: LogEntry, next: () => void): void {
    this.entries.push(info);
    this.emit('logged', info);
    next();
  }

  /** The lines whose `event` field is `name`. */
  events(name: string): LogEntry[] {
    return this.entries.filter((entry) => entry.event === name);
  }

  /**
   * Every line as its format wrote it, parsed: the exact JSON a file gets when this transport
   * is given to `createLogger({ transports: [memory] })` (or has a JSON format of its own).
   * @throws SyntaxError when the lines are not JSON (no format, or a readable one).
   */
  json(): Record<string, unknown>[] {
    return this.entries.map((entry) => JSON.parse(String((entry as unknown as Record<symbol, unknown>)[LINE])) as Record<string, unknown>);
  }

  /** Forgets every line. */
  clear(): void {
    this.entries.length = 0;
  }
}
