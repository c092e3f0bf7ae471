import { execFileSync } from 'node:child_process';
import { tempDir } from './tempDir';

/** Options of {@link smallDisk}. */
export interface SmallDiskOptions {
  /** Its size, as `mount -o size=` takes it. @default '64k' */
  readonly size?: string;
  /** How many files and directories it holds, for ENOSPC on the next file. @default the kernel's default */
  readonly inodes?: number;
}

/** A mounted {@link smallDisk}. */
export interface SmallDisk {
  /** Where it is mounted. */
  readonly path: string;
  /** Unmounts it and removes the mount point. */
  remove(): void;
}

/**
 * Mounts a small tmpfs, so writes meet a real ENOSPC once it is full (with a partly written file,
 * as on a real disk). Needs root; for ENOSPC anywhere without root, write to `/dev/full`.
 * @example
 * const disk = smallDisk({ size: '64k' });
 * try { await assert.rejects(writeFile(join(disk.path, 'big'), Buffer.alloc(128 * 1024)), { code: 'ENOSPC' }); }
 * finally { disk.remove(); }
 * @throws Error when the mount is refused (not root): skip the test then.
 */
export function smallDisk(options: SmallDiskOptions = {}): SmallDisk {
  const dir = tempDir('disk');
  const settings = [`size=${options.size ?? '64k'}`, ...(options.inodes === undefined ? [] : [`nr_inodes=${options.inodes}`])];
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', settings.join(','), 'tmpfs', dir.path], { stdio: 'pipe' });
  } catch (error) {
    dir.remove();
    throw new Error(`smallDisk: cannot mount a tmpfs here (needs root): ${(error as Error).message}`, { cause: error });
  }
  return {
    path: dir.path,
    remove: () => {
      execFileSync('umount', [dir.path]);
      dir.remove();
    },
  };
}
