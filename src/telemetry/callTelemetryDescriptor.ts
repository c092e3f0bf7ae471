import type { StageDescriptor } from '../call/StageDescriptor';
import { activeTelemetry } from '../otel/activeTelemetry';
import { CallTelemetryStage } from './CallTelemetryStage';

/**
 * The call's span and duration: built for every decorated method while telemetry reports (see
 * `activeTelemetry()`), and not at all otherwise, so that telemetry off costs nothing. Just inside the
 * job stage, so that Logged's lines carry the trace id and Catch's `handled` is seen.
 */
export const callTelemetryDescriptor: StageDescriptor<undefined> = {
  name: 'callTelemetry',
  build: (_settings, { method, services }, next) => {
    const reporting = activeTelemetry();
    return reporting === undefined ? undefined : new CallTelemetryStage(reporting, method, services.clock, next);
  },
};
