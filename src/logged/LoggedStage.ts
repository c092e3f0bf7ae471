import type { Clock } from '../clock/Clock';
import type { AttemptHooks } from '../call/AttemptHooks';
import { logEvent } from '../call/logEvent';
import { lineWanted, lineWantedOn } from '../logging/lineWanted';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { Call } from '../call/Call';
import type { MethodInfo } from '../call/MethodInfo';
import type { LoggedSettings } from './LoggedSettings';
import { SuccessLine } from './SuccessLine';

/**
 * `@Logged`, as hooks, outside everything but the job stage: `call.start` (debug, with the
 * arguments), `call.success` (info, with `durationMs`), `call.failure` (error, with the serialised
 * error). It carries the call's context, so every decorated call made inside it, however deep and
 * after any `await`, shares its correlation id. Built only while `error` is on or telemetry taps
 * the lines (the pipeline is rebuilt when the level changes): else no line of the call is wanted.
 */
export class LoggedStage implements AttemptHooks<number> {
  readonly carriesContext = true;
  /** Whether `call.start`'s level is on: fixed while the pipeline stands (it is rebuilt when the level changes). */
  private readonly logsStart: boolean;
  /** Whether `call.success`'s level is on, as `logsStart`. */
  private readonly logsSuccess: boolean;
  /** The `call.success` line: made even with `info` off, for a telemetry tap that may come. */
  private readonly successLine: SuccessLine;

  constructor(
    private readonly settings: LoggedSettings,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
  ) {
    this.logsStart = method.lines.isLevelEnabled('debug');
    this.logsSuccess = method.lines.isLevelEnabled('info');
    this.successLine = new SuccessLine(method, settings.result);
  }

  /** Logs the start; the state is when the call began. */
  enter(call: Call): number {
    const { method } = this;
    if (lineWantedOn(this.logsStart)) {
      logEvent(method, 'debug', 'call.start', `${method.label} started`, { args: this.argsOf(call) }, call.correlationId);
    }
    return this.clock.now();
  }

  succeeded(call: Call, startedAt: number, result: unknown): undefined {
    if (lineWantedOn(this.logsSuccess)) this.successLine.write(this.clock.now() - startedAt, result, call.correlationId);
    return undefined;
  }

  failed(call: Call, startedAt: number, error: unknown): undefined {
    this.logFailure(call, startedAt, error);
    return undefined;
  }

  private logFailure(call: Call, startedAt: number, error: unknown): void {
    const { method } = this;
    if (!lineWanted(method.lines, 'error')) return;
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
