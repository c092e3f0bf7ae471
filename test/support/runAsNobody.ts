import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/** The unprivileged user and group the faults guide uses: root ignores file permissions. */
const NOBODY = 65534;

/**
 * Runs `node -e script` as uid/gid 65534, so permission faults (EACCES) are real. Uses the node
 * running the tests; when that binary is where nobody may reach it (CI installs Node 22/24 under
 * a private temp dir), falls back to the `node` on PATH.
 */
export function runAsNobody(script: string, cwd: string): SpawnSyncReturns<string> {
  const options = { uid: NOBODY, gid: NOBODY, cwd, encoding: 'utf8' as const };
  const child = spawnSync(process.execPath, ['-e', script], options);
  const denied = (child.error as NodeJS.ErrnoException | undefined)?.code === 'EACCES' || child.status === 126;
  return denied ? spawnSync('node', ['-e', script], options) : child;
}
