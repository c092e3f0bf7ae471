/**
 * Hears of every line mendkit writes, whether or not its level is on: how telemetry counts the
 * stable events (`mendkit.events`) from one funnel without touching the stages that log them.
 */
export interface LineTap {
  /** Told of each line before its level is checked; must not throw. */
  seen(event: string, component: string | undefined, fields: object | undefined): void;
  /** Adds fields to a line that is written (the trace and span ids of the span running now). */
  annotate(line: Record<string, unknown>): void;
}

let tap: LineTap | undefined;

/** The tap in force, if any: one check per line when there is none. */
export function lineTap(): LineTap | undefined {
  return tap;
}

/** Installs `next` (telemetry when it turns on), or removes the tap with undefined. */
export function setLineTap(next: LineTap | undefined): void {
  tap = next;
}
