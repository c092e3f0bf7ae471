import { homedir } from 'node:os';
import { isAbsolute, sep } from 'node:path';

/** System trees: never a cache root, nor is any directory inside them. */
const SYSTEM_TREES = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/sbin', '/sys', '/usr'];

/**
 * Directories that hold other programs' or users' files: never a cache root themselves, but an
 * application's own directory inside them (`/var/cache/app`, `/tmp/app-cache`) is fine.
 */
const SHARED_DIRECTORIES = [
  '/home',
  '/media',
  '/mnt',
  '/opt',
  '/root',
  '/run',
  '/srv',
  '/tmp',
  '/var',
  '/var/cache',
  '/var/lib',
  '/var/log',
  '/var/mail',
  '/var/spool',
  '/var/tmp',
];

function isBelow(parent: string, path: string): boolean {
  return path.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/** What `root` would wipe out if it is, or is above, `directory`; undefined when neither. */
function overlap(root: string, directory: string, what: string): string | undefined {
  if (root === directory) return `${root} is ${what}`;
  if (isBelow(root, directory)) return `${root} holds ${what} (${directory})`;
  return undefined;
}

/**
 * Why `root` (absolute, normalised, no trailing separator, not `/`) must not be a cache root, or
 * undefined: it is a system directory or inside one, or it is (or is above) a directory that
 * holds others' files, the user's home or the current directory.
 */
export function protectedRoot(root: string): string | undefined {
  for (const tree of SYSTEM_TREES) {
    if (isBelow(tree, root)) return `${root} is inside a system directory (${tree})`;
    const found = overlap(root, tree, 'a system directory');
    if (found !== undefined) return found;
  }
  const own: (readonly [string, string])[] = [
    [homedir(), 'the home directory'],
    [process.cwd(), 'the current directory'],
  ];
  for (const [directory, what] of [...SHARED_DIRECTORIES.map((path) => [path, 'a shared directory'] as const), ...own]) {
    if (!isAbsolute(directory) || directory === sep) continue;
    const found = overlap(root, directory, what);
    if (found !== undefined) return found;
  }
  return undefined;
}
