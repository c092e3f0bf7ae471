/**
 * `value` as JSON to put inside `<script type="application/json">`: `<` becomes `\u003c`, so no
 * string in it (`</script>`, `<!--`) can end or confuse the element; U+2028/U+2029 are escaped
 * too, for readers that still treat them as line ends. `JSON.parse` reads it back unchanged.
 * @example `<script type="application/json" id="data">${jsonForScript(report)}</script>`
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
