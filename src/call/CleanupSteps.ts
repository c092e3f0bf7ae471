import { logEvent } from './logEvent';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { MethodInfo } from './MethodInfo';
import type { CleanupStep } from './CleanupOptions';

interface Registered {
  readonly run: CleanupStep;
  readonly always: boolean;
  readonly attempt: number;
}

/**
 * The undo steps of one call. Made on the first `onCleanup`, so calls that register none pay
 * nothing. A step that throws is logged (`cleanup.failure`) and the others still run; no step
 * ever replaces the call's own error or result.
 */
export class CleanupSteps {
  private steps: Registered[] = [];

  constructor(private readonly method: MethodInfo) {}

  add(run: CleanupStep, always: boolean, attempt: number): void {
    this.steps.push({ run, always, attempt });
  }

  /** Attempt `attempt` failed and another follows: its leftovers go first, newest first. */
  attemptFailed(attempt: number): Promise<void> {
    return this.runWhere((step) => step.attempt <= attempt);
  }

  /** The call ended: every step left when it failed, only the `always` ones when it succeeded. */
  callEnded(failed: boolean): Promise<void> {
    return this.runWhere((step) => failed || step.always);
  }

  private async runWhere(due: (step: Registered) => boolean): Promise<void> {
    const now = this.steps.filter(due);
    this.steps = this.steps.filter((step) => !due(step));
    for (const step of now.reverse()) {
      try {
        await step.run();
      } catch (error) {
        logEvent(this.method, 'error', 'cleanup.failure', `${this.method.label}: a cleanup step failed (${errorLabel(error)}): ${errorMessage(error)}`, {
          attempt: step.attempt,
          code: errorLabel(error),
          error,
        });
      }
    }
  }
}
