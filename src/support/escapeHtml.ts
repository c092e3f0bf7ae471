const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` made safe inside HTML text and inside quoted attribute values: `& < > " '` become
 * entities. Every value that comes from a run (a job name, an error message) goes through it.
 * @example `<td>${escapeHtml(record.job)}</td>`
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
