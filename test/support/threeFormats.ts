import assert from 'node:assert/strict';
import { createLogger, type MendkitLogger } from '../../src/logging/createLogger';
import { ecsLine } from '../../src/logging/ecsLine';
import { jsonLine } from '../../src/logging/jsonLine';
import { prettyLine } from '../../src/logging/prettyLine';
import { MemoryTransport } from '../../src/testing/MemoryTransport';

const LINE = Symbol.for('message');

/** A `createLogger` logger at debug whose every line is written in each format: JSON, ECS, readable. */
export interface ThreeFormats {
  readonly logger: MendkitLogger;
  /** The written lines of each format. */
  lines(): Record<'json' | 'ecs' | 'pretty', string[]>;
}

/** Makes a {@link ThreeFormats} logger. */
export function threeFormats(): ThreeFormats {
  const outputs = {
    json: new MemoryTransport({ format: jsonLine() }),
    ecs: new MemoryTransport({ format: ecsLine() }),
    pretty: new MemoryTransport({ format: prettyLine({ colors: false }) }),
  };
  const logger = createLogger({ level: 'debug', console: false, transports: Object.values(outputs) });
  const written = (memory: MemoryTransport) => memory.entries.map((entry) => String((entry as unknown as Record<symbol, unknown>)[LINE]));
  return {
    logger,
    lines: () => ({ json: written(outputs.json), ecs: written(outputs.ecs), pretty: written(outputs.pretty) }),
  };
}

/** The written texts that contain `marker`, at most `max` of them, for a failure message. */
export function leaking(texts: readonly string[], marker = /LEAK/, max = 5): string[] {
  return texts.filter((text) => marker.test(text)).slice(0, max);
}

/** Asserts that every format wrote at least `atLeast` lines and none of them holds a `LEAK` marker. */
export function assertNoLeaks(formats: ThreeFormats, atLeast: number, what: string): void {
  for (const [format, lines] of Object.entries(formats.lines())) {
    assert.ok(lines.length >= atLeast, `${what}: ${format} wrote ${lines.length} lines, expected ${atLeast} or more`);
    assert.deepEqual(leaking(lines), [], `${what} leaked in the ${format} format`);
  }
}
