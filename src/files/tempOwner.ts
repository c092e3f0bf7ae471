import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The marker in the names of mendkit's temporary files, followed by who made them. */
const MARKER = 'mendkit';

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** This boot of this machine (Linux's boot id); empty where there is none. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

const HOST = shortHash(hostname());
const BOOT = shortHash(bootId());

/** `.<name>.mendkit-<host>-<boot>-<pid>-<random>.tmp`, parsed. */
const OWNED = /^\.(.+)\.mendkit-([0-9a-f]{8})-([0-9a-f]{8})-(\d+)-[0-9a-f]{12}\.tmp$/;

/**
 * The name of a temporary file for `name` made by this process: it says which host (a hash of
 * its name), which boot of it (a hash of Linux's boot id) and which process made it, so that
 * another writer can tell a leftover of a dead writer from a file still being written.
 */
export function ownedTempName(name: string): string {
  return `.${name}.${MARKER}-${HOST}-${BOOT}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * Whether `entry` is a temporary file for `name` whose writer is certainly gone: made on this
 * host, in an earlier boot, or in this boot by a process that no longer exists. A file from
 * another host (a shared volume) is never judged: its writer cannot be checked from here. A
 * reused pid makes a dead writer look alive, which only leaves its file for later.
 */
export function isStaleTemp(entry: string, name: string): boolean {
  const match = OWNED.exec(entry);
  if (match === null || match[1] !== name || match[2] !== HOST) return false;
  if (match[3] !== BOOT) return true;
  const pid = Number(match[4]);
  return pid !== process.pid && !isAlive(pid);
}
