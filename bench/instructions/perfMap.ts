/** One line of V8's `--perf-basic-prof` map: code at [start, start + size) is `name`. */
interface PerfMapEntry {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/**
 * The JIT code names of one run, from `/tmp/perf-<pid>.map`. V8 reuses addresses when code is
 * collected and compiled anew, so an address may lie in several entries: the one written last is
 * the code that lived there at the end, which is what the counts of a long run are mostly about.
 */
export class PerfMap {
  private readonly entries: PerfMapEntry[] = [];

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const match = /^([0-9a-f]+) ([0-9a-f]+) (.+)$/i.exec(line);
      if (match === null) continue;
      const start = parseInt(match[1]!, 16);
      this.entries.push({ start, end: start + parseInt(match[2]!, 16), name: match[3]! });
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The name of the code at `address`, or undefined when no entry covers it. */
  lookup(address: number): string | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.start <= address && address < entry.end) return entry.name;
    }
    return undefined;
  }
}
