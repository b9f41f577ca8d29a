import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A small real file system for tests of full disks; `unmount` it in afterAll. */
export interface Tmpfs {
  dir: string;
  unmount: () => void;
}

/**
 * Mounts a fresh tmpfs (`mount -t tmpfs -o size=<size>[,<options>]`) on a new temp folder, or
 * returns null where that is not possible (not root, no mount command, no permission in a
 * container); callers skip their test then, saying so in its name.
 */
export function mountTmpfs(size: string, options: string[] = []): Tmpfs | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'tmpfs-test-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', [`size=${size}`, ...options].join(','), 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmdirSync(dir);
    return null;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmdirSync(dir);
    },
  };
}

/** The suffix a tmpfs test's name carries: the reason where it is skipped, nothing where it runs. */
export function tmpfsSkipReason(mounted: unknown): string {
  return mounted ? '' : ' (skipped: needs root to mount a tmpfs)';
}
