import type { Clock } from '../clock/Clock';
import type { RedactOptions } from '../logging/Redactor';

/** Options of {@link WebhookAlerts}. All durations in ms. */
export interface AlertOptions {
  /** Where alerts are POSTed: an http(s) URL. Required. */
  readonly url: string;
  /** `json` (mendkit's body) or `slack` (an incoming-webhook body with `text`). @default 'json' */
  readonly format?: 'json' | 'slack';
  /** Events that raise an alert, besides every line at `critical`. @default ['job.failed', 'job.timedOut', 'job.aborted'] */
  readonly events?: readonly string[];
  /** Repeats of one alert (same event, component and code) are held back until this much time passes without one; then one summary says how many. @default 600000 */
  readonly quietMs?: number;
  /** While repeats keep coming, a summary goes out at least this often. @default 3600000 */
  readonly summaryEveryMs?: number;
  /** Extra request headers, e.g. an authorization for the webhook; never logged. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Delivery attempts in all, with exponential backoff between them. @default 5 */
  readonly attempts?: number;
  /** How long one delivery attempt may take. @default 10000 */
  readonly timeoutMs?: number;
  /** What to redact beyond the built-in secrets (alerts are always redacted). @default {} */
  readonly redact?: RedactOptions;
  /** Where time comes from, for the quiet periods and the backoff. @default the real clock */
  readonly clock?: Clock;
}

/** {@link AlertOptions}' defaults. */
export const ALERT_DEFAULTS = Object.freeze({
  format: 'json' as const,
  events: Object.freeze(['job.failed', 'job.timedOut', 'job.aborted']),
  quietMs: 600_000,
  summaryEveryMs: 3_600_000,
  attempts: 5,
  timeoutMs: 10_000,
});
