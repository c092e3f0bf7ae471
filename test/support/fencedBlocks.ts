/** A fenced code block of a Markdown file. */
export interface FencedBlock {
  /** The info string's first word: `ts`, `sh`, `text`… (empty when the fence has none). */
  readonly lang: string;
  /** The 1-based line, in the Markdown file, of the block's first line of code. */
  readonly line: number;
  readonly code: string;
}

// Any indentation: a fence inside a list item is indented, and must not escape the check.
const OPENING = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;

/**
 * The fenced code blocks of `markdown`, in order. A block closes at a fence of the same character
 * at least as long as its opening one (CommonMark), so a ```` ```` ```` block may hold ``` lines.
 * @throws Error naming the line of a fence that is never closed: a block swallowing the rest of a
 * page would otherwise drop every snippet after it from the check.
 */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING.exec(lines[index]!);
    if (opening === null) continue;
    const [, fence, lang] = opening as unknown as [string, string, string];
    const closing = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const end = lines.findIndex((line, at) => at > index && closing.test(line));
    if (end === -1) throw new Error(`line ${index + 1}: the ${fence} fence is never closed`);
    blocks.push({ lang, line: index + 2, code: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return blocks;
}
