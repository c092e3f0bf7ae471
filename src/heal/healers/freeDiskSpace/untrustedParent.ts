import { realpath, stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';

const STICKY = 0o1000;
const GROUP_OR_OTHER_WRITE = 0o022;

/** `/`, `/a`, `/a/b` … `path` itself. */
function prefixes(path: string): string[] {
  const parts = path.split(sep).filter(Boolean);
  return [sep, ...parts.map((_, i) => sep + parts.slice(0, i + 1).join(sep))];
}

/**
 * Why someone other than root or this process's user could rename or replace a directory on the
 * way to `root` (and so make the path name another directory), or undefined when nobody could:
 * every directory above it — as written, and as symlinks resolve it — belongs to root or to
 * this user and is not writable by others, or is sticky (as `/tmp` is: others may add entries
 * there but not rename ours).
 */
export async function untrustedParent(root: string): Promise<string | undefined> {
  const parent = dirname(root);
  const directories = new Set([...prefixes(parent), ...prefixes(await realpath(parent))]);
  const me = process.geteuid?.() ?? 0;
  for (const directory of directories) {
    const info = await stat(directory);
    if (info.uid !== 0 && info.uid !== me) return `${directory} belongs to another user (uid ${info.uid})`;
    if ((info.mode & GROUP_OR_OTHER_WRITE) !== 0 && (info.mode & STICKY) === 0) {
      return `${directory} is writable by other users`;
    }
  }
  return undefined;
}
