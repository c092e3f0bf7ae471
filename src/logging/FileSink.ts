import type { Writable } from 'node:stream';
import type { FileIdentity } from './settleTail';

/** What a sink that stopped leaves behind: the lines it was given that are not known written. */
export interface SinkFailure {
  readonly error: unknown;
  /** Lines given to the sink and never confirmed, oldest first. */
  readonly unwritten: readonly string[];
  /** The last line the stream confirmed (a short write may still have cut it). */
  readonly lastWritten: string | undefined;
}

/** What a sink tells its owner. */
export interface SinkEvents {
  /** The stream confirmed a write for the first time: the file takes lines. */
  written(sink: FileSink): void;
  /** The stream failed; called once. */
  failed(sink: FileSink, failure: SinkFailure): void;
}

/** Once this many confirmed lines sit at the front of the queue, drop them. */
const COMPACT_AT = 1024;

/**
 * One opened log file: its stream, and the lines given to it until the stream confirms them, so
 * that when a write fails every line not yet on disk is known and nothing is lost silently.
 * Confirmations come in write order (a stream writes one batch at a time), so a queue suffices.
 */
export class FileSink {
  private pending: string[] = [];
  private head = 0;
  private lastWritten: string | undefined;
  private confirmed = false;
  private stopped = false;
  private readonly onWrite: (error?: Error | null) => void;

  constructor(
    readonly stream: Writable,
    /** The file opened, when known: a check compares it with what the path names now. */
    readonly identity: FileIdentity | undefined,
    private readonly events: SinkEvents,
  ) {
    this.onWrite = (error) => (error ? this.fail(error) : this.confirm());
    stream.on('error', (error) => this.fail(error));
  }

  /** Appends `line` (newline included); the stream's backpressure is not the logger's business. */
  write(line: string): void {
    this.pending.push(line);
    this.stream.write(line, this.onWrite);
  }

  /** Flushes what is written and closes the file; a failure meanwhile still reports its lines. */
  end(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped || this.stream.destroyed) return resolve();
      this.stream.once('close', resolve);
      this.stream.end();
    });
  }

  private confirm(): void {
    if (this.stopped) return;
    this.lastWritten = this.pending[this.head++];
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    if (!this.confirmed) {
      this.confirmed = true;
      this.events.written(this);
    }
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    const unwritten = this.pending.slice(this.head);
    this.pending = [];
    this.stream.destroy();
    this.events.failed(this, { error, unwritten, lastWritten: this.lastWritten });
  }
}
