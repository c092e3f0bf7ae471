import { logEvent } from '../call/logEvent';
import type { MethodInfo } from '../call/MethodInfo';
import { lineTap } from '../logging/lineTap';
import { redactorOf } from '../logging/loggerRedactor';
import { MAX_STRING_LENGTH, type Redactor } from '../logging/Redactor';
import { maybeSecret } from '../logging/secretShapes';
import { writeCleanLine } from '../logging/writeCleanLine';

/** The longest text of a number (`-0.0000012345678901234567`), with room to spare. */
const MAX_NUMBER_LENGTH = 32;

/**
 * `@Logged`'s `call.success` line. Without the result, all of it but the duration is fixed, so
 * whether cleaning it could change anything is decided once, when the pipeline is built: a
 * number's text (digits, `.`, `e`, `+`, `-`, `NaN`, `Infinity`) between two spaces can complete
 * no secret shape or name, so a message that is clean with one duration is clean with any. Such a
 * line is then built as one object and written as cleaned — the same line `logEvent` writes, for
 * a fraction of its cost. Any other line (a result to redact, a telemetry tap to tell, a logger
 * whose redaction hides `durationMs` or touches the method's name) goes through `logEvent`.
 */
export class SuccessLine {
  private readonly redactor: Redactor;
  /** Whether the line is written as it is built (else through `logEvent`). */
  private readonly prepared: boolean;

  constructor(
    private readonly method: MethodInfo,
    private readonly withResult: boolean,
  ) {
    this.redactor = redactorOf(method.lines);
    const sample = this.message(0);
    this.prepared =
      !withResult &&
      !this.redactor.hidesField('durationMs') &&
      !maybeSecret(sample) &&
      sample.length + MAX_NUMBER_LENGTH <= MAX_STRING_LENGTH;
  }

  /** Writes the line of a call that succeeded after `durationMs` with `result`. Never throws. */
  write(durationMs: number, result: unknown, correlationId: string): void {
    if (!this.prepared || lineTap() !== undefined) {
      const fields = this.withResult ? { durationMs, result } : { durationMs };
      logEvent(this.method, 'info', 'call.success', this.message(durationMs), fields, correlationId);
      return;
    }
    const { lines } = this.method;
    try {
      // Live, as `logLine` checks: a transport's level may have changed since the pipeline was built.
      if (!lines.isLevelEnabled('info')) return;
      // Keys in `logLine`'s order: the fields, then what it adds.
      writeCleanLine(lines, {
        durationMs: Number.isFinite(durationMs) ? durationMs : this.redactor.clean(durationMs),
        level: 'info',
        message: this.message(durationMs),
        event: 'call.success',
        component: this.method.label,
        correlationId,
      });
    } catch {
      // A line that cannot be written must never change what it describes.
    }
  }

  private message(durationMs: number): string {
    return `${this.method.label} succeeded in ${durationMs} ms`;
  }
}
