import type { Clock } from '../clock/Clock';
import { logEvent } from '../call/logEvent';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { Call } from '../call/Call';
import { asyncContextStorage } from '../call/currentCall';
import type { Invoker } from '../call/Invoker';
import { LiveCallContext } from '../call/LiveCallContext';
import type { MethodInfo } from '../call/MethodInfo';
import type { LoggedSettings } from './LoggedSettings';

function invokeNext(next: Invoker, call: Call): Promise<unknown> {
  return next.invoke(call);
}

/**
 * `@Logged`, the outermost stage: `call.start` (debug, with the arguments), `call.success`
 * (info, with `durationMs`), `call.failure` (error, with the serialised error). Runs the call in
 * async context, so every decorated call made inside it, however deep and after any `await`,
 * shares its correlation id.
 */
export class LoggedStage implements Invoker {
  constructor(
    private readonly settings: LoggedSettings,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
  ) {}

  invoke(call: Call): Promise<unknown> {
    // With even `error` off, no line of this call or of any call inside it can be written:
    // nothing to time, nothing to correlate, so no async context either.
    return this.method.logger.isLevelEnabled('error') ? this.logged(call) : this.next.invoke(call);
  }

  private async logged(call: Call): Promise<unknown> {
    const { method } = this;
    const { logger, label } = method;
    if (logger.isLevelEnabled('debug')) {
      logEvent(method, 'debug', 'call.start', `${label} started`, {
        correlationId: call.correlationId,
        args: this.argsOf(call),
      });
    }
    const startedAt = this.clock.now();
    let result: unknown;
    try {
      result = await asyncContextStorage().run(new LiveCallContext(call), invokeNext, this.next, call);
    } catch (error) {
      this.logFailure(call, startedAt, error);
      throw error;
    }
    if (logger.isLevelEnabled('info')) {
      const durationMs = this.clock.now() - startedAt;
      const fields = this.settings.result
        ? { correlationId: call.correlationId, durationMs, result }
        : { correlationId: call.correlationId, durationMs };
      logEvent(method, 'info', 'call.success', `${label} succeeded in ${durationMs} ms`, fields);
    }
    return result;
  }

  private logFailure(call: Call, startedAt: number, error: unknown): void {
    const { method } = this;
    if (!method.logger.isLevelEnabled('error')) return;
    try {
      const durationMs = this.clock.now() - startedAt;
      const code = errorLabel(error);
      const message = `${method.label} failed (${code}) after ${durationMs} ms: ${errorMessage(error)}`;
      logEvent(method, 'error', 'call.failure', message, {
        correlationId: call.correlationId,
        durationMs,
        code,
        error,
        args: this.argsOf(call),
      });
    } catch {
      // A hostile error (a throwing `code` getter) must not replace the error the caller gets.
    }
  }

  /** The logged arguments by name; values are read (getters run) only when the line is cleaned. */
  private argsOf(call: Call): Record<string, unknown> | undefined {
    const { args, extraArgs, restIndex } = this.settings;
    if (args.length === 0 && !extraArgs) return undefined;
    const values = call.args;
    const named: Record<string, unknown> = {};
    for (const [index, name] of args) {
      if (index === restIndex) named[name] = values.slice(index);
      else if (index < values.length) named[name] = values[index];
    }
    if (extraArgs) for (let i = args.length; i < values.length; i++) named[`arg${i}`] = values[i];
    return named;
  }
}
