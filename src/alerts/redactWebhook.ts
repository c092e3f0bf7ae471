/**
 * A webhook URL as a warning may show it: scheme, host and the first path segment; the rest of
 * the path, the query and any credentials — where webhooks keep their secret — become `***`.
 * @example redactWebhook('https://hooks.slack.com/services/T00/B00/XXXX') // 'https://hooks.slack.com/services/***'
 */
export function redactWebhook(url: string): string {
  try {
    const parsed = new URL(url);
    const [first = '', ...more] = parsed.pathname.split('/').filter(Boolean);
    const hidden = more.length > 0 || parsed.search !== '' || parsed.username !== '' || parsed.password !== '';
    return `${parsed.origin}/${first}${hidden ? `${first === '' ? '' : '/'}***` : ''}`;
  } catch {
    return '<an unparsable webhook URL>';
  }
}
