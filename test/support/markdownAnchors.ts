import { fencedBlocks } from './fencedBlocks';

/** `markdown` with its fenced blocks blanked (line count kept), so nothing inside them reads as a heading or a link. */
export function withoutCode(markdown: string): string {
  const lines = markdown.split('\n');
  for (const block of fencedBlocks(markdown)) {
    const count = block.code === '' ? 0 : block.code.split('\n').length;
    for (let at = block.line - 1; at < block.line - 1 + count; at++) lines[at] = '';
  }
  return lines.join('\n');
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of `markdown`'s headings; a repeated heading gets `-1`, `-2`… as on GitHub. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const [, text] of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(text!);
    let anchor = base;
    for (let n = 1; found.has(anchor); n++) anchor = `${base}-${n}`;
    found.add(anchor);
  }
  return found;
}
