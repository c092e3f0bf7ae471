import type { StageDescriptor } from '../call/StageDescriptor';
import { activeTelemetry } from '../otel/activeTelemetry';
import { AttemptTelemetryStage } from './AttemptTelemetryStage';

/**
 * Each attempt's span and duration, while telemetry reports. Inside Heal, so that a re-run after
 * a heal is its own attempt, and outside Timeout and Faults, so that it sees what they raise.
 */
export const attemptTelemetryDescriptor: StageDescriptor<undefined> = {
  name: 'attemptTelemetry',
  build: (_settings, { method, services }, next) => {
    const reporting = activeTelemetry();
    return reporting === undefined ? undefined : new AttemptTelemetryStage(reporting, method, services.clock, next);
  },
};
