import { rmSync } from 'node:fs';

/**
 * Signalling a whole process group. ansible-playbook forks worker processes that inherit its stdout;
 * signalling only the main PID leaves a worker holding the pipe open until its remote task ends
 * (minutes), so the runner starts Ansible in its own group and signals the group.
 */

const liveGroups = new Set<number>();
const liveDirectories = new Set<string>();
let exitHookInstalled = false;

/** Send a signal to every process of the group led by `pid`; false when the group is gone. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any process of the group led by `pid` is still alive. */
export function processGroupAlive(pid: number): boolean {
  return signalProcessGroup(pid, 0);
}

/**
 * Remember a running group and its run directory, so that if this Node process exits first the
 * group is killed (detached children survive their parent, and execa's own cleanup skips them) and
 * the directory with the private key is removed. Returns the function that forgets them again.
 */
export function trackRun(pid: number | undefined, directory: string): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const group of liveGroups) signalProcessGroup(group, 'SIGKILL');
      for (const path of liveDirectories) rmSync(path, { recursive: true, force: true });
    });
  }
  if (pid !== undefined) liveGroups.add(pid);
  liveDirectories.add(directory);
  return () => {
    if (pid !== undefined) liveGroups.delete(pid);
    liveDirectories.delete(directory);
  };
}

/** Whether a run directory belongs to a run this process supervises right now. */
export function isTrackedDirectory(directory: string): boolean {
  return liveDirectories.has(directory);
}

/**
 * Stop a process group gracefully, then firmly: SIGINT (Ansible stops and cleans up), SIGTERM after
 * `graceMs`, SIGKILL after twice that. Returns a function that cancels the pending escalation.
 */
export function stopProcessGroup(pid: number, graceMs: number): () => void {
  signalProcessGroup(pid, 'SIGINT');
  const terminate = setTimeout(() => signalProcessGroup(pid, 'SIGTERM'), graceMs);
  const kill = setTimeout(() => signalProcessGroup(pid, 'SIGKILL'), graceMs * 2);
  return () => {
    clearTimeout(terminate);
    clearTimeout(kill);
  };
}
