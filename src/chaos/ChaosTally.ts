import TransportStream from 'winston-transport';

/** What a chaos run counts from the lines mendkit's stages log. */
export interface ChaosCounts {
  retries: number;
  heals: Record<string, number>;
  caught: number;
}

interface Line {
  readonly event?: unknown;
  readonly healer?: unknown;
}

/**
 * A winston transport that counts stage events instead of keeping lines: `retry.scheduled`
 * (a retry), `heal.success` per healer (a heal that re-ran the call), `catch.handled`.
 */
export class ChaosTally extends TransportStream {
  readonly counts: ChaosCounts = { retries: 0, heals: {}, caught: 0 };

  override log(info: Line, next: () => void): void {
    const { counts } = this;
    if (info.event === 'retry.scheduled') counts.retries += 1;
    else if (info.event === 'catch.handled') counts.caught += 1;
    else if (info.event === 'heal.success') {
      const healer = String(info.healer);
      counts.heals[healer] = (counts.heals[healer] ?? 0) + 1;
    }
    next();
  }
}
