import { REDACTED } from './secrets';

/**
 * Whether a name found in text names a secret; `before` is the character in front of it (`?` or
 * `&` for a query parameter).
 */
export type SecretName = (name: string, before: string) => boolean;

/**
 * A name, the closing quote of a quoted name (escaped any number of times, as JSON inside JSON
 * is), then a separator: `=`, `:`, `:=`, `=>` (util.inspect of a Map or URLSearchParams) or `,`
 * (a quoted `[name, value]` pair, as `Object.entries` and `rawHeaders` print).
 */
const NAMED = /(?<![\w.-])([\w.-]{1,100})(\\*["'`]?)[ \t]*(=>|:=|=|:|,)/g;
/** A command-line flag and its value: `--password hunter2`. */
const FLAG = /(?<![\w-])(--[\w-]{2,100})[ \t]+(?=[^\s-])/g;
/** A `{ name, value }` pair written out: `"name":"Authorization","value":…`, `Key: 'DB_PASSWORD', Value: …`. */
const NAME_THEN_VALUE =
  /(?<![\w.-])(?:name|key|header)\\*["'`]?[ \t]*[:=][ \t]*\\*["'`]([\w.-]{1,100})\\*["'`][ \t]*,[ \t]*\\*["'`]?value\\*["'`]?[ \t]*[:=]/gi;
/** An XML element: `<password>…</password>`. */
const ELEMENT = /<([\w:.-]{1,100})((?:\s[^<>]*)?>)([^<]*)<\/\1>/g;
/** An authorization scheme: its credential follows after a space, so the value runs on. */
const SCHEME = /^(?:bearer|basic|digest|token|negotiate|ntlm)\s/i;

interface Span {
  readonly start: number;
  readonly end: number;
}

function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'" || char === '`';
}

function backslashesBefore(text: string, at: number, from: number): number {
  let count = 0;
  while (at - count - 1 >= from && text[at - count - 1] === '\\') count++;
  return count;
}

/**
 * Where a string opened at `open` by `depth` backslashes and `quote` closes: at the next quote
 * escaped exactly as the opening one, each level of encoding doubling the backslashes
 * (`"` closes `"`; `\"` closes `\"` but not `\\\"`). An unclosed string runs to the end.
 */
function closing(text: string, open: number, depth: number, quote: string): { contentEnd: number; end: number } {
  const period = 2 * (depth + 1);
  const contentStart = open + depth + 1;
  for (let from = contentStart; ; ) {
    const at = text.indexOf(quote, from);
    if (at === -1) return { contentEnd: text.length, end: text.length };
    if (backslashesBefore(text, at, contentStart) % period === depth) return { contentEnd: at - depth, end: at + 1 };
    from = at + 1;
  }
}

/** Where the `[`/`{` at `open` is closed, strings inside skipped; unbalanced runs to the end. */
function bracketEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i]!;
    if (isQuote(char)) {
      const escapes = backslashesBefore(text, i, open);
      i = closing(text, i - escapes, escapes, char).end - 1;
    } else if (char === '[' || char === '{') {
      depth++;
    } else if ((char === ']' || char === '}') && --depth === 0) {
      return i + 1;
    }
  }
  return text.length;
}

/** Whether a quote at `at` ends the text's enclosing string (JSON, util.inspect): `",`, `"}`, `"]`, or the end. */
function endsEnclosing(text: string, at: number): boolean {
  let next = at + 1;
  while (text[next] === ' ') next++;
  return next >= text.length || text[next] === ',' || text[next] === '}' || text[next] === ']';
}

/**
 * Where an unquoted value ends. A `spaced` one (`password: correct horse battery staple`) runs
 * to the end of the line; a tight one (`password=a,b`) to white space, `&`, or a `,`/`;` that a
 * space or quote follows. Either ends at a line break (real or `\n` escaped) and at a quote
 * closing the string the text sits in.
 */
function unquotedEnd(text: string, from: number, spaced: boolean): number {
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n' || char === '\r') return i;
    if (char === '\\' && (text[i + 1] === 'n' || text[i + 1] === 'r')) return i;
    if (isQuote(char) && endsEnclosing(text, i)) return i - backslashesBefore(text, i, from);
    if (spaced) continue;
    if (char === ' ' || char === '\t' || char === '&') return i;
    if ((char === ',' || char === ';') && (i + 1 === text.length || /[\s"'`]/.test(text[i + 1]!))) return i;
  }
  return text.length;
}

/** The span of the value starting at `from` (after its separator), or none to replace. */
function valueAt(text: string, from: number, quotedOnly: boolean): Span | undefined {
  let start = from;
  while (text[start] === ' ' || text[start] === '\t') start++;
  if (start >= text.length || text.startsWith(REDACTED, start)) return undefined;
  let escapes = 0;
  while (text[start + escapes] === '\\') escapes++;
  const quote = text[start + escapes];
  if (isQuote(quote)) {
    const { contentEnd, end } = closing(text, start, escapes, quote!);
    // In a pair, a quoted word that a separator follows is the next name, not this one's value.
    if (quotedOnly && /^[ \t]*\\*["'`]?[ \t]*(?:=|:)/.test(text.slice(end, end + 8))) return undefined;
    return { start: start + escapes + 1, end: contentEnd };
  }
  if (quotedOnly) return undefined;
  if (text[start] === '[' || text[start] === '{') return { start, end: bracketEnd(text, start) };
  const spaced = start > from || SCHEME.test(text.slice(start, start + 10));
  return { start, end: unquotedEnd(text, start, spaced) };
}

/** `text` with the spans (in order of start) replaced by {@link REDACTED}, overlapping ones as one. */
function replaceSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let last = 0;
  for (const { start, end } of spans) {
    if (start >= last) out += text.slice(last, start) + REDACTED;
    last = Math.max(last, end);
  }
  return out + text.slice(last);
}

/** What a match labels: the name, and whether only a quoted value counts (a `[name, value]` pair). */
interface Label {
  readonly name: string;
  readonly quotedOnly: boolean;
}

/** Each way text labels a value, with what to check before running it. */
const LABELLED: readonly (readonly [RegExp, (text: string) => boolean, (match: RegExpExecArray) => Label | undefined])[] = [
  [NAMED, () => true, ([, name, quote, separator]) => (separator === ',' && quote === '' ? undefined : { name: name!, quotedOnly: separator === ',' })],
  [FLAG, (text) => text.includes('--'), ([, name]) => ({ name: name!, quotedOnly: false })],
  [NAME_THEN_VALUE, (text) => /value/i.test(text), ([, name]) => ({ name: name!, quotedOnly: false })],
];

function labelledSpans(text: string, isSecretName: SecretName): Span[] {
  const spans: Span[] = [];
  for (const [pattern, applies, label] of LABELLED) {
    if (!applies(text)) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const labelled = label(match);
      if (labelled === undefined || !isSecretName(labelled.name, text[match.index - 1] ?? '')) continue;
      const value = valueAt(text, match.index + match[0].length, labelled.quotedOnly);
      if (value === undefined || value.end <= value.start) continue;
      spans.push(value);
      pattern.lastIndex = Math.max(pattern.lastIndex, value.end);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Replaces the values that secret names label inside text — keyed data already serialised:
 * JSON (escaped inside JSON too), util.inspect output of objects, Maps, URLSearchParams and
 * Headers, `[name, value]` pairs and `{ name, value }` objects, query strings and form bodies,
 * headers, YAML, `.env` lines, command-line flags, XML elements. A value goes whole: a quoted one to its closing quote
 * (escapes honoured), a `[…]`/`{…}` to its closing bracket, a `name: value` to the end of the
 * line, a `name=value` to the next space or `&`.
 */
export function redactNamedValues(text: string, isSecretName: SecretName): string {
  const spans = labelledSpans(text, isSecretName);
  let result = spans.length === 0 ? text : replaceSpans(text, spans);
  if (result.includes('</')) {
    result = result.replace(ELEMENT, (whole, name: string, rest: string, value: string) =>
      value === '' || value === REDACTED || !isSecretName(name, '<') ? whole : `<${name}${rest}${REDACTED}</${name}>`,
    );
  }
  return result;
}
