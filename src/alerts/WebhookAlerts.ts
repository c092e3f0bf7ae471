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
import { redactWebhook } from './redactWebhook';

type Line = Record<string, unknown> & { level: string; message: unknown };

/** One alert on its way: what its last failed attempt met, and whether it was already reported lost. */
interface Delivery {
  readonly alert: Alert;
  lastError?: unknown;
  reported: boolean;
}

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
 * still cannot be delivered becomes a process warning (`MENDKIT_ALERT_UNDELIVERED`) naming the
 * webhook (its secret part hidden) and the reason. Ending the logger (`logger.end()`, or the CLI
 * at exit) sends the summaries still owed and waits for deliveries; destroying the transport
 * gives up on them, with the same warning for each. Repeats of
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
  private readonly inFlight = new Map<Promise<void>, Delivery>();
  /** Aborted when the transport is destroyed: deliveries stop retrying. */
  private readonly giveUp = new AbortController();

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
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.keys()]);
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

  /** The logger is ending: what is owed goes out before the transport says it has finished. */
  override _final(callback: (error?: Error | null) => void): void {
    this.flush().then(() => callback(), callback);
  }

  /** Given up on (the program is exiting): every delivery still going is reported undelivered. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.giveUp.abort(error ?? new Error('the transport was destroyed'));
    for (const delivery of this.inFlight.values()) {
      const last = delivery.lastError === undefined ? 'no answer yet' : `last attempt: ${errorMessage(delivery.lastError)}`;
      this.undelivered(delivery, `${error === null ? 'given up' : error.message} (${last})`);
    }
    callback();
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
    const delivery: Delivery = { alert, reported: false };
    const attempt = () =>
      this.post(alert).catch((error: unknown) => {
        delivery.lastError = error;
        throw error;
      });
    const done = this.retried(attempt).catch((error: unknown) => this.undelivered(delivery, errorMessage(error)));
    this.inFlight.set(done, delivery);
    void done.finally(() => this.inFlight.delete(done));
  }

  /** Says, once per alert, that it was not delivered, where to and why. */
  private undelivered(delivery: Delivery, reason: string): void {
    if (delivery.reported) return;
    delivery.reported = true;
    process.emitWarning(`alert ${delivery.alert.event} not delivered to the webhook ${redactWebhook(this.url)}: ${reason}`, {
      code: 'MENDKIT_ALERT_UNDELIVERED',
    });
  }

  private async post(alert: Alert): Promise<void> {
    this.giveUp.signal.throwIfAborted();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: JSON.stringify(alertBody(alert, this.bodyFormat)),
      signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.giveUp.signal]),
    });
    await raiseForStatus(response);
    await response.body?.cancel();
  }
}
