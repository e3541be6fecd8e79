import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the default Ansible content is. The build copies the repository's `ansible/` into
 * `dist/ansible`, so an installed package finds it next to its bundle (`dist/*.js` or
 * `dist/testing/*.js`); inside the monorepo, running from `src/`, it is the repository's `ansible/` itself
 * (the one source of truth). The first candidate holding an `ansible.cfg` wins; when none does, the
 * packaged location is returned and `checkRuntime` reports what is missing there.
 */
function findDefaultAnsibleDirectory(): string {
  const candidates = ['./ansible', '../ansible', '../../../ansible'].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((directory) => existsSync(`${directory}/ansible.cfg`)) ?? (candidates[0] as string);
}

/** The directory holding `ansible.cfg`, `plugins/callback/` and `playbooks/` used when no option names one. */
export const defaultAnsibleDirectory: string = findDefaultAnsibleDirectory();
