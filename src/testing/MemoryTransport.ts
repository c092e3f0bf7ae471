import TransportStream from 'winston-transport';

/** One captured log line: winston's info object, every structured field included. */
export interface LogEntry {
  readonly level: string;
  readonly message: string;
  readonly event?: string;
  readonly [field: string]: unknown;
}

/**
 * A winston transport that keeps every line in memory, so tests assert on structured fields.
 * @example
 * const memory = new MemoryTransport();
 * const logger = winston.createLogger({ level: 'debug', transports: [memory] });
 * ...
 * assert.equal(memory.events('retry.scheduled').length, 2);
 */
export class MemoryTransport extends TransportStream {
  /** Every line written, oldest first. */
  readonly entries: LogEntry[] = [];

  override log(info: LogEntry, next: () => void): void {
    this.entries.push(info);
    this.emit('logged', info);
    next();
  }

  /** The lines whose `event` field is `name`. */
  events(name: string): LogEntry[] {
    return this.entries.filter((entry) => entry.event === name);
  }

  /** Forgets every line. */
  clear(): void {
    this.entries.length = 0;
  }
}
