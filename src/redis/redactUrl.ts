/**
 * A Redis URL as it may appear in a log or a message: the password replaced by `***`.
 * @example redactUrl('redis://:s3cret@db:6379/0') // 'redis://:***@db:6379/0'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<an unparsable Redis URL>';
  }
}
