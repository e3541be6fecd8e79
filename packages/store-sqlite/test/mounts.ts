import { execFileSync } from 'node:child_process';

/**
 * Mount a tmpfs at `directory` (root only). Returns false when mounting is not permitted, so a test can
 * fall back to a mechanism that works for an ordinary user.
 */
export function mountTmpfs(directory: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', directory], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Remount a mounted tmpfs read-only. */
export function remountReadOnly(directory: string): void {
  execFileSync('mount', ['-o', 'remount,ro', directory], { stdio: 'ignore' });
}

/** Unmount what {@link mountTmpfs} mounted. */
export function unmount(directory: string): void {
  execFileSync('umount', [directory], { stdio: 'ignore' });
}
