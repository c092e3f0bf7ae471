import type { Logger } from 'winston';
import TransportStream from 'winston-transport';
import { errorMessage } from '../matching/errorFacts';

/** Lines a transport may have waiting before its guard drops its lines rather than hold memory. */
export const WAITING_LIMIT = 10_000;

/**
 * Stands between the logger and one transport of yours, so that it cannot hold up the others.
 * winston pipes the logger into every transport, and a pipe stops for all of them as soon as one
 * stops calling back (its buffer fills): one stalled transport silenced the whole logger. The
 * guard calls back at once and hands the line on, in order. A transport with
 * {@link WAITING_LIMIT} lines waiting loses its next lines until it catches up, and one that
 * errors keeps its error to itself (winston would unpipe it, or end the process when nothing
 * listens for the logger's `error`): both are said on stderr, with the count of lines dropped.
 */
export class TransportGuard extends TransportStream {
  private dropped = 0;
  private failedOnce = false;

  constructor(
    /** The transport guarded, as you gave it. */
    readonly transport: TransportStream,
    private readonly say: (text: string) => void,
  ) {
    super();
    this.handleExceptions = transport.handleExceptions;
    this.handleRejections = transport.handleRejections;
    // The guarded transport learns its logger (levels, level) as if piped, and closes with it.
    this.on('pipe', (logger: Logger) => transport.emit('pipe', logger));
    this.on('unpipe', (logger: Logger) => transport.emit('unpipe', logger));
    transport.on('error', (error: unknown) => this.failed(error));
    transport.on('drain', () => this.caughtUp());
  }

  override log(info: object, next: () => void): void {
    next();
    if (this.dropped > 0 || this.transport.writableLength >= WAITING_LIMIT) {
      if (this.dropped++ === 0) this.say(`the log transport ${this.name()} is not keeping up (${WAITING_LIMIT} lines waiting); dropping its lines until it catches up`);
      return;
    }
    this.transport.write(info);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.transport.writableFinished) return callback();
    this.transport.once('finish', () => callback());
    this.transport.end();
  }

  /** Destroying the guard gives up on the guarded transport too (closeLogger at exit), quietly. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.transport.destroy(error ?? undefined);
    callback();
  }

  private name(): string {
    return (this.transport as { name?: unknown }).name?.toString() ?? this.transport.constructor.name;
  }

  private caughtUp(): void {
    if (this.dropped === 0) return;
    this.say(`the log transport ${this.name()} caught up; ${this.dropped} lines were dropped meanwhile`);
    this.dropped = 0;
  }

  private failed(error: unknown): void {
    // Listeners of the logger's `warn` still hear of it.
    this.emit('warn', error);
    if (this.failedOnce) return;
    this.failedOnce = true;
    this.say(`the log transport ${this.name()} failed (${errorMessage(error)}); the other transports go on`);
  }
}
