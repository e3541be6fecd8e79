/**
 * Signalling a whole process group. ansible-playbook forks worker processes that inherit its stdout;
 * signalling only the main PID leaves a worker holding the pipe open until its remote task ends
 * (minutes), so the runner starts Ansible in its own group and signals the group.
 */

const liveGroups = new Set<number>();
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
 * Remember a running group so it is killed if this Node process exits first: detached children
 * survive their parent, and execa's own cleanup skips them.
 */
export function trackProcessGroup(pid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const group of liveGroups) signalProcessGroup(group, 'SIGKILL');
    });
  }
  liveGroups.add(pid);
  return () => {
    liveGroups.delete(pid);
  };
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
