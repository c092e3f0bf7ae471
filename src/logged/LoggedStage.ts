import type { Clock } from '../clock/Clock';
import type { AttemptHooks } from '../call/AttemptHooks';
import { logEvent } from '../call/logEvent';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { Call } from '../call/Call';
import type { MethodInfo } from '../call/MethodInfo';
import type { LoggedSettings } from './LoggedSettings';
import { SuccessLine } from './SuccessLine';

/**
 * `@Logged`, as hooks, outside everything but the job stage: `call.start` (debug, with the
 * arguments), `call.success` (info, with `durationMs`), `call.failure` (error, with the serialised
 * error). It carries the call's context, so every decorated call made inside it, however deep and
 * after any `await`, shares its correlation id. Built only while `error` is on (the pipeline is
 * rebuilt when the level changes): with it off no line of the call could be written.
 */
export class LoggedStage implements AttemptHooks<number> {
  readonly carriesContext = true;
  /** Whether `call.start` is on: fixed while the pipeline stands (it is rebuilt when the level changes). */
  private readonly logsStart: boolean;
  /** The `call.success` line, when `info` is on. */
  private readonly successLine: SuccessLine | undefined;

  constructor(
    private readonly settings: LoggedSettings,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
  ) {
    this.logsStart = method.lines.isLevelEnabled('debug');
    this.successLine = method.lines.isLevelEnabled('info') ? new SuccessLine(method, settings.result) : undefined;
  }

  /** Logs the start; the state is when the call began. */
  enter(call: Call): number {
    const { method } = this;
    if (this.logsStart) {
      logEvent(method, 'debug', 'call.start', `${method.label} started`, { args: this.argsOf(call) }, call.correlationId);
    }
    return this.clock.now();
  }

  succeeded(call: Call, startedAt: number, result: unknown): undefined {
    if (this.successLine !== undefined) this.successLine.write(this.clock.now() - startedAt, result, call.correlationId);
    return undefined;
  }

  failed(call: Call, startedAt: number, error: unknown): undefined {
    this.logFailure(call, startedAt, error);
    return undefined;
  }

  private logFailure(call: Call, startedAt: number, error: unknown): void {
    const { method } = this;
    if (!method.logger.isLevelEnabled('error')) return;
    try {
      const durationMs = this.clock.now() - startedAt;
      const code = errorLabel(error);
      const message = `${method.label} failed (${code}) after ${durationMs} ms: ${errorMessage(error)}`;
      logEvent(method, 'error', 'call.failure', message, { durationMs, code, error, args: this.argsOf(call) }, call.correlationId);
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
