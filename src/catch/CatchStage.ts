import type { AttemptHooks, Recover } from '../call/AttemptHooks';
import { logEvent } from '../call/logEvent';
import { lineWanted } from '../logging/lineWanted';
import { errorLabel } from '../matching/errorFacts';
import type { Call } from '../call/Call';
import type { MethodInfo } from '../call/MethodInfo';
import type { CatchRule } from './CatchRule';

/**
 * `@Catch`: after everything inside has given up, the first rule (in declaration order) whose
 * matcher matches hands the error to its handler, whose result becomes the call's. Always logs
 * what it handled; an error no rule matches passes through unchanged.
 */
export class CatchStage implements AttemptHooks {
  constructor(
    private readonly rules: readonly CatchRule[],
    private readonly method: MethodInfo,
  ) {}

  failed(call: Call, _state: unknown, error: unknown): Recover | undefined {
    const rule = this.rules.find((candidate) => candidate.matcher.matches(error));
    if (rule === undefined) return undefined;
    call.emit('catch.handled');
    this.log(rule, error);
    if (typeof rule.handler === 'function') return { recover: rule.handler(error, call.current) };
    const owner = call.thisArg as Record<string, (...args: unknown[]) => unknown>;
    return { recover: owner[rule.handler]!(error, ...call.args) };
  }

  private log(rule: CatchRule, error: unknown): void {
    const { lines, label } = this.method;
    if (!lineWanted(lines, 'warn')) return;
    const code = errorLabel(error);
    logEvent(this.method, 'warn', 'catch.handled', `${label} failed (${code}); handled by ${rule.handlerName}`, {
      code,
      error,
      matcher: rule.matcher.description,
      handler: rule.handlerName,
    });
  }
}
