import type { LogValue } from '../logging/Redactor';

/** One alert, as delivered in the `json` format. */
export interface Alert {
  readonly source: 'mendkit';
  readonly level: string;
  readonly event: string;
  readonly message: string;
  /** What raised it: `Class.method`, or the job. */
  readonly component?: string;
  readonly code?: string;
  readonly correlationId?: string;
  readonly timestamp: string;
  /** The log line's other fields, redacted. */
  readonly fields: { readonly [key: string]: LogValue };
}

/** The request body for `format`: the alert itself, or a Slack incoming-webhook message. */
export function alertBody(alert: Alert, format: 'json' | 'slack'): object {
  if (format === 'json') return alert;
  const where = alert.component === undefined ? '' : ` — ${alert.component}`;
  const code = alert.code === undefined ? '' : ` (${alert.code})`;
  return { text: `:rotating_light: *${alert.level.toUpperCase()}* \`${alert.event}\`${where}${code}\n${alert.message}` };
}
