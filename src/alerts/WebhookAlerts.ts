import TransportStream from 'winston-transport';
import { createLogger, transports } from 'winston';
import type { Clock } from '../clock/Clock';
import { RealClock } from '../clock/RealClock';
import { checkFunction, checkInteger, checkKnownKeys, checkOneOf, checkOptionsObject, checkPositive } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { raiseForStatus } from '../http/raiseForStatus';
import { type LogValue, Redactor } from '../logging/Redactor';
import { errorMessage } from '../matching/errorFacts';
import { retryFunction } from '../retry/retryFunction';
import { AlertDeduplicator } from './AlertDeduplicator';
import { type Alert, alertBody } from './alertBody';
import { ALERT_DEFAULTS, type AlertOptions } from './AlertOptions';

type Line = Record<string, unknown> & { level: string; message: unknown };

const KEYS: readonly (keyof AlertOptions)[] = [
  'url', 'format', 'events', 'quietMs', 'summaryEveryMs', 'headers', 'attempts', 'timeoutMs', 'redact', 'clock',
];
const DROPPED = new Set(['level', 'message', 'event', 'component', 'code', 'correlationId', 'timestamp']);

function checkUrl(site: string, url: unknown): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(String(url));
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ConfigError(`${site}: \`url\` must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  return parsed.href;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A winston transport that sends `critical` lines and final job failures to a webhook, so
 * someone hears of them now rather than the next morning. It never blocks or fails the logger
 * or the job: delivery happens in the background, retried with mendkit's retry; an alert that
 * still cannot be delivered becomes a process warning (`MENDKIT_ALERT_UNDELIVERED`). Repeats of
 * one alert (same event, component and code) are held back and summarised once quiet. Every
 * alert is redacted like a log line.
 * @example
 * const alerts = new WebhookAlerts({ url: process.env.ALERT_WEBHOOK!, format: 'slack' });
 * const logger = createLogger({ transports: [alerts] });
 * @throws ConfigError for a URL that is not http(s) or a bad option.
 */
export class WebhookAlerts extends TransportStream {
  private readonly url: string;
  private readonly bodyFormat: 'json' | 'slack';
  private readonly events: ReadonlySet<string>;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly timeoutMs: number;
  private readonly redactor: Redactor;
  private readonly clock: Clock;
  private readonly dedup: AlertDeduplicator<Alert>;
  private readonly retried: <T>(fn: () => Promise<T>) => Promise<T>;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: AlertOptions) {
    super();
    const site = 'WebhookAlerts';
    checkOptionsObject(site, options);
    checkKnownKeys(site, options, KEYS);
    this.url = checkUrl(site, options.url);
    checkOneOf(site, 'format', options.format, ['json', 'slack']);
    checkPositive(site, 'quietMs', options.quietMs);
    checkPositive(site, 'summaryEveryMs', options.summaryEveryMs);
    checkPositive(site, 'timeoutMs', options.timeoutMs);
    checkInteger(site, 'attempts', options.attempts, 1);
    checkFunction(site, 'clock.now', options.clock?.now);
    this.bodyFormat = options.format ?? ALERT_DEFAULTS.format;
    this.events = new Set(options.events ?? ALERT_DEFAULTS.events);
    this.headers = { ...options.headers };
    this.timeoutMs = options.timeoutMs ?? ALERT_DEFAULTS.timeoutMs;
    this.redactor = new Redactor(options.redact);
    this.clock = options.clock ?? new RealClock();
    this.dedup = new AlertDeduplicator(
      this.clock,
      options.quietMs ?? ALERT_DEFAULTS.quietMs,
      options.summaryEveryMs ?? ALERT_DEFAULTS.summaryEveryMs,
      (first, suppressed, sinceMs) => this.summarise(first, suppressed, sinceMs),
    );
    // The delivery's own retry lines stay out of the logs this transport watches.
    const quiet = createLogger({ level: 'error', transports: [new transports.Console({ silent: true })] });
    this.retried = retryFunction('WebhookAlerts.deliver', { attempts: options.attempts ?? ALERT_DEFAULTS.attempts, on: () => true }, {
      logger: quiet,
      clock: this.clock,
    });
  }

  /** winston's hook: hands the line back at once, then raises an alert when the line calls for one. */
  override log(info: Line, next: () => void): void {
    next();
    try {
      const event = text(info.event);
      if (info.level !== 'critical' && (event === undefined || !this.events.has(event))) return;
      const alert = this.alertOf(info);
      const key = `${alert.event}|${alert.component ?? ''}|${alert.code ?? ''}`;
      if (this.dedup.occur(key, alert) === 'send') this.send(alert);
    } catch {
      // An alert that cannot be built must not disturb the logger that carries the line.
    }
  }

  /** Waits for the deliveries in flight, held-back repeats staying held. */
  async delivered(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Sends the summaries still owed and waits for every delivery (call it before exit). */
  async flush(): Promise<void> {
    this.dedup.flush();
    await this.delivered();
  }

  /** winston's hook when the logger closes: flushes, without waiting (call `flush()` to wait). */
  override close(): void {
    void this.flush();
  }

  /** The alert for a line, every part of it redacted (a line from a logger of your own comes raw). */
  private alertOf(info: Line): Alert {
    const line = this.redactor.fields(info);
    const fields: { [key: string]: LogValue } = {};
    for (const [key, value] of Object.entries(line)) if (!DROPPED.has(key)) fields[key] = value;
    const component = text(line.component) ?? text(line.job);
    const code = text(line.code);
    const correlationId = text(line.correlationId);
    return {
      source: 'mendkit',
      level: info.level,
      event: text(line.event) ?? 'log.critical',
      message: this.redactor.text(String(info.message)),
      ...(component === undefined ? {} : { component }),
      ...(code === undefined ? {} : { code }),
      ...(correlationId === undefined ? {} : { correlationId }),
      timestamp: text(line.timestamp) ?? new Date(this.clock.now()).toISOString(),
      fields,
    };
  }

  private summarise(first: Alert, suppressed: number, sinceMs: number): void {
    const minutes = Math.max(1, Math.round(sinceMs / 60_000));
    this.send({
      ...first,
      event: 'alert.summary',
      message: `${suppressed} more "${first.event}" alert(s) from ${first.component ?? 'mendkit'} held back over ${minutes} min: ${first.message}`,
      timestamp: new Date(this.clock.now()).toISOString(),
      fields: { ...first.fields, repeats: suppressed, of: first.event },
    });
  }

  private send(alert: Alert): void {
    const delivery = this.retried(() => this.post(alert)).catch((error: unknown) => {
      process.emitWarning(`alert ${alert.event} could not be delivered to the webhook: ${errorMessage(error)}`, {
        code: 'MENDKIT_ALERT_UNDELIVERED',
      });
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async post(alert: Alert): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: JSON.stringify(alertBody(alert, this.bodyFormat)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await raiseForStatus(response);
    await response.body?.cancel();
  }
}
