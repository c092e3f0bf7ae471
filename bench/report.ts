/** One line of the report. */
export interface CaseResult {
  readonly name: string;
  readonly nsPerCall: number;
  readonly ratioToBare: number;
  readonly wallMs?: number;
  readonly heapBytesPerCall?: number;
  /** What the ratio is measured against, when it is not a bare `await fn()`. */
  readonly against?: string;
}

function format(value: number | undefined, digits = 0): string {
  return value === undefined ? '' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The table people read. */
export function table(results: readonly CaseResult[]): string {
  const rows = [
    ['case', 'ns/call', 'ratio', 'wall ms', 'heap B/call', 'ratio against'],
    ...results.map((r) => [
      r.name,
      format(r.nsPerCall),
      `${format(r.ratioToBare, 2)}×`,
      format(r.wallMs),
      format(r.heapBytesPerCall),
      r.against ?? 'bare',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 || column === 5 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
    .join('\n');
}

/** The one JSON line scripts read. */
export function json(results: readonly CaseResult[]): string {
  return JSON.stringify({ node: process.version, cases: results });
}
