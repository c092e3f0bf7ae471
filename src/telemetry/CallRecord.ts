import type { Attributes, Span } from '@opentelemetry/api';
import type { Call } from '../call/Call';

/** How an attempt ended: it succeeded, or its failure led to a retry, a heal, or the call's failure. */
export type AttemptOutcome = 'success' | 'retried' | 'healed' | 'failure';

/** A failed attempt whose outcome is known only once the call goes on (or ends). */
interface FailedAttempt {
  readonly seconds: number;
  readonly attributes: Attributes;
}

const records = new WeakMap<Call, CallRecord>();

/**
 * What the call stage and the attempt stage share about one call: its span (the attempts' parent)
 * and the failed attempt waiting for its outcome. Hears `heal.success` and `catch.handled`.
 */
export class CallRecord {
  handled = false;
  private failed: FailedAttempt | undefined;

  constructor(
    readonly span: Span,
    call: Call,
    private readonly report: (seconds: number, attributes: Attributes) => void,
  ) {
    records.set(call, this);
    call.listen((event) => {
      if (event === 'heal.success') this.settle('healed');
      else if (event === 'catch.handled') this.handled = true;
    });
  }

  /** Keeps a failed attempt until the call goes on (see {@link settle}). */
  attemptFailed(seconds: number, attributes: Attributes): void {
    this.settle('retried');
    this.failed = { seconds, attributes };
  }

  /** Reports the failed attempt, if one waits, with what followed it. */
  settle(outcome: AttemptOutcome): void {
    const failed = this.failed;
    if (failed === undefined) return;
    this.failed = undefined;
    failed.attributes['mendkit.attempt.outcome'] = outcome;
    this.report(failed.seconds, failed.attributes);
  }
}

/** The record of `call`, made by the call stage. */
export function callRecordOf(call: Call): CallRecord | undefined {
  return records.get(call);
}
