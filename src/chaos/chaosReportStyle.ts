/**
 * The HTML report's style sheet: light by default, dark under `prefers-color-scheme: dark`, one
 * column on a phone. The charts take their colours from these variables.
 */
export const CHAOS_REPORT_STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --panel: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d8dee4;
  --grid: rgba(31, 35, 40, 0.1); --ok: #1a7f37; --failed: #cf222e; --lost: #8c959f; --heal: #8250df; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --panel: #161b22; --fg: #e6edf3; --muted: #9198a1; --line: #30363d;
    --grid: rgba(230, 237, 243, 0.12); --ok: #3fb950; --failed: #f85149; --lost: #8b949e; --heal: #ab7df8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 20px; }
h1 { font-size: 1.35rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1rem; margin: 0 0 10px; }
.meta { color: var(--muted); margin: 0; overflow-wrap: anywhere; }
.verdict { display: inline-block; margin: 12px 0 4px; padding: 4px 10px; border-radius: 999px; font-weight: 600; border: 1px solid currentColor; }
.verdict.ok { color: var(--ok); }
.verdict.bad { color: var(--failed); }
.grid { display: grid; gap: 16px; margin: 16px 0; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; min-width: 0;
  display: flex; flex-direction: column; }
section.wide { grid-column: 1 / -1; }
.chart { position: relative; height: 240px; }
.chart.fill { flex: 1 1 auto; min-height: 240px; max-height: 320px; }
.note { color: var(--muted); font-size: 0.85rem; margin: 8px 0 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-top: 1px solid var(--line); }
tr:first-child > * { border-top: 0; }
th { font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary th { color: var(--muted); font-weight: 500; width: 40%; }
.summary td { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
code { font: 0.85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
td > code { overflow-wrap: normal; white-space: nowrap; }
.message { min-width: 12em; overflow-wrap: anywhere; }
@media (max-width: 600px) {
  header, main, footer { padding: 0 10px; }
  header { padding-top: 14px; }
  section { padding: 12px; }
  td > code { white-space: normal; overflow-wrap: anywhere; }
  td:has(> code) { min-width: 8em; }
}
footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 24px; }
`;
