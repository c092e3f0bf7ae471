/** One line of the report. */
export interface CaseResult {
  readonly name: string;
  readonly nsPerCall: number;
  readonly ratioToBare: number;
  readonly wallMs?: number;
  readonly heapBytesPerCall?: number;
  /** The process's peak resident set, for a case run in a process of its own. */
  readonly peakRssMb?: number;
  /** What the ratio is measured against, when it is not a bare `await fn()`. */
  readonly against?: string;
  /** A second comparison the targets are set against: another case of the same run. */
  readonly versus?: { readonly case: string; readonly ratio: number; readonly deltaNs: number };
}

/**
 * `subject` compared with `other`, for {@link CaseResult.versus}: the ratio of their ratios to
 * bare, each taken against its own rounds' baseline, so drift between the two cases cancels.
 */
export function compared(subject: CaseResult, other: CaseResult): CaseResult['versus'] {
  return { case: other.name, ratio: subject.ratioToBare / other.ratioToBare, deltaNs: subject.nsPerCall - other.nsPerCall };
}

function format(value: number | undefined, digits = 0): string {
  return value === undefined ? '' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The table people read. */
export function table(results: readonly CaseResult[]): string {
  const rows = [
    ['case', 'ns/call', 'ratio', 'wall ms', 'heap B/call', 'peak RSS MB', 'ratio against', 'versus'],
    ...results.map((r) => [
      r.name,
      format(r.nsPerCall),
      `${format(r.ratioToBare, 2)}×`,
      format(r.wallMs),
      format(r.heapBytesPerCall),
      format(r.peakRssMb),
      r.against ?? 'bare',
      r.versus ? `${r.versus.case} ${format(r.versus.ratio, 2)}× (${r.versus.deltaNs >= 0 ? '+' : ''}${format(r.versus.deltaNs)} ns)` : '',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 || column >= 6 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
    .join('\n');
}

/** The one JSON line scripts read: the per-call cases, and the load cases (`LoadResult`s). */
export function json(results: readonly CaseResult[], load: readonly object[]): string {
  return JSON.stringify({ node: process.version, cases: results, load });
}
