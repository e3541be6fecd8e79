import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { readDebianMirrors } from './base-image.js';

/** The commands a test host needs, each with the Debian package that provides it. */
const REQUIRED_COMMANDS: readonly (readonly [command: string, debianPackage: string])[] = [
  ['debootstrap', 'debootstrap'],
  ['systemd-nspawn', 'systemd-container'],
  ['socat', 'socat'],
  ['tinyproxy', 'tinyproxy'],
  ['zstd', 'zstd'],
  ['ip', 'iproute2'],
  ['nsenter', 'util-linux'],
  ['ssh', 'openssh-client'],
  ['ssh-keygen', 'openssh-client'],
];

/**
 * What stops this machine from starting a test host, as one line saying what to install or fix, or
 * undefined when nothing does: root, the commands above, and a bookworm source in apt's lists.
 */
export function missingTestHostPrerequisite(): string | undefined {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('run as root');
  const path = [
    process.env['PATH'] ?? '',
    '/usr/local/sbin',
    '/usr/local/bin',
    '/usr/sbin',
    '/usr/bin',
    '/sbin',
    '/bin',
  ]
    .join(delimiter)
    .split(delimiter)
    .filter(Boolean);
  const packages = new Set<string>();
  for (const [command, debianPackage] of REQUIRED_COMMANDS) {
    const found = path.some((directory) => {
      try {
        accessSync(join(directory, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
    if (!found) packages.add(debianPackage);
  }
  if (packages.size > 0) {
    problems.push(
      `apt-get install --no-install-recommends ${[...packages].join(' ')} (or scripts/install-system-packages.sh --test)`,
    );
  }
  if (readDebianMirrors() === undefined)
    problems.push('a Debian bookworm source in /etc/apt/sources.list(.d)');
  if (problems.length === 0) return undefined;
  return `test host needs: ${problems.join('; ')}`;
}

/**
 * The check a real-host suite runs before it starts: outside CI it returns the one line to skip
 * with (`describe.skipIf(reason)`); with `CI=true` a missing prerequisite throws, so CI fails
 * instead of silently skipping the suite.
 */
export function checkTestHostPrerequisites(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const missing = missingTestHostPrerequisite();
  if (missing !== undefined && environment['CI'] === 'true') {
    throw new Error(`CI=true and ${missing}`);
  }
  return missing;
}
