import { readdirSync } from 'node:fs';
import path from 'node:path';

/** README.md, CONTRIBUTING.md and every Markdown page under docs/ (the generated docs/api aside), relative to `root`. */
export function documentationFiles(root: string): string[] {
  const pages = readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.startsWith(`api${path.sep}`))
    .map((name) => path.join('docs', name));
  return ['README.md', 'CONTRIBUTING.md', ...pages].sort();
}
