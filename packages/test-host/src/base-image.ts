import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** What debootstrap installs into the base image: enough to boot, log in and run Ansible's apt module. */
export const BASE_PACKAGES: readonly string[] = [
  'systemd',
  'systemd-sysv',
  'dbus',
  'openssh-server',
  'openssh-client',
  'python3',
  'python3-apt',
  'sudo',
  'iproute2',
  'procps',
  'ca-certificates',
];

/** The Debian mirrors this machine's apt already uses. */
export interface DebianMirrors {
  /** The archive (`…/debian`) serving bookworm and bookworm-updates. */
  readonly archive: string;
  /** The security archive (`…/debian-security`), or the archive when none is configured. */
  readonly security: string | undefined;
}

/**
 * Read the mirrors from this machine's apt sources (deb822 `*.sources` first, then one-line
 * `sources.list` files), so the test host uses whatever this machine is allowed to reach and no host
 * name is hard-coded. Returns undefined when no bookworm source is configured.
 */
export function readDebianMirrors(aptDirectory = '/etc/apt'): DebianMirrors | undefined {
  const entries: { uri: string; suites: string[] }[] = [];
  const sourcesDirectory = join(aptDirectory, 'sources.list.d');
  const files = existsSync(sourcesDirectory)
    ? readdirSync(sourcesDirectory)
        .sort()
        .map((name) => join(sourcesDirectory, name))
    : [];
  for (const file of files.filter((name) => name.endsWith('.sources'))) {
    for (const stanza of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
      const fields = new Map<string, string>();
      for (const line of stanza.split('\n')) {
        const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
        if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1].toLowerCase(), match[2]);
      }
      if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue;
      if (fields.get('enabled') === 'no') continue;
      const suites = (fields.get('suites') ?? '').split(/\s+/);
      for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean))
        entries.push({ uri, suites });
    }
  }
  const listFiles = [join(aptDirectory, 'sources.list'), ...files.filter((name) => name.endsWith('.list'))];
  for (const file of listFiles.filter((name) => existsSync(name))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
      if (match?.[1] !== undefined && match[2] !== undefined)
        entries.push({ uri: match[1], suites: [match[2]] });
    }
  }
  const strip = (uri: string): string => uri.replace(/\/+$/, '');
  const archive = entries.find((entry) => entry.suites.includes('bookworm'));
  if (archive === undefined) return undefined;
  const security = entries.find((entry) => entry.suites.includes('bookworm-security'));
  return { archive: strip(archive.uri), security: security === undefined ? undefined : strip(security.uri) };
}

/** The repository's gitignored cache directory (`node_modules/.cache/pressluft-test-host`). */
export const defaultCacheDirectory = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'pressluft-test-host',
);

/** Options of {@link ensureBaseImage}. */
export interface BaseImageOptions {
  /** Where the tarball is cached. Default {@link defaultCacheDirectory}. */
  readonly cacheDirectory?: string;
  /** Packages debootstrap includes. Default {@link BASE_PACKAGES}; the cache is keyed by this list. */
  readonly packages?: readonly string[];
  /** Progress lines (phase timings). Default `console.log`. */
  readonly log?: (line: string) => void;
}

/**
 * Return the path of a zstd tarball of a bookworm minbase rootfs, building it with debootstrap the
 * first time (about a minute). The file name carries a hash of the package list and the mirrors, so a
 * changed list builds a new image. Concurrent callers (vitest workers) wait for one build through a
 * lock file instead of building twice.
 */
export async function ensureBaseImage(options: BaseImageOptions = {}): Promise<string> {
  const cacheDirectory = options.cacheDirectory ?? defaultCacheDirectory;
  const packages = [...(options.packages ?? BASE_PACKAGES)].sort();
  const log = options.log ?? ((line: string) => console.log(line));
  const mirrors = readDebianMirrors();
  if (mirrors === undefined) throw new Error('no bookworm source in /etc/apt/sources.list(.d)');
  const key = createHash('sha256')
    .update(JSON.stringify({ packages, mirrors, version: 2 }))
    .digest('hex')
    .slice(0, 16);
  const tarball = join(cacheDirectory, `bookworm-minbase-${key}.tar.zst`);
  if (existsSync(tarball)) return tarball;
  await mkdir(cacheDirectory, { recursive: true });
  const lockPath = `${tarball}.lock`;
  const lock = await acquireLock(lockPath);
  try {
    if (existsSync(tarball)) return tarball;
    const started = Date.now();
    const work = `${tarball}.build-${process.pid}`;
    const rootfs = join(work, 'rootfs');
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    try {
      await execa(
        'debootstrap',
        ['--variant=minbase', `--include=${packages.join(',')}`, 'bookworm', rootfs, mirrors.archive],
        { stdin: 'ignore' },
      );
      const security = mirrors.security ?? mirrors.archive;
      await writeFile(
        join(rootfs, 'etc', 'apt', 'sources.list'),
        [
          `deb ${mirrors.archive} bookworm main`,
          `deb ${mirrors.archive} bookworm-updates main`,
          mirrors.security === undefined ? '' : `deb ${security} bookworm-security main`,
          '',
        ].join('\n'),
      );
      // Bring the image up to date with bookworm-updates and -security once here, so each playbook run
      // does not download the same upgrades again (the run's `upgrade: safe` still runs, and finds little).
      await execa(
        'systemd-nspawn',
        [
          '-q',
          '--register=no',
          '--keep-unit',
          '-D',
          rootfs,
          '/bin/sh',
          '-c',
          'apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Options::=--force-confold upgrade',
        ],
        { stdin: 'ignore' },
      );
      // Pitfall: the apt module judges the cache by the mtime of /var/lib/apt/lists. Empty and backdated,
      // the first `update_cache` with `cache_valid_time` really refreshes it.
      await execa('sh', [
        '-c',
        'rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/* "$1"/etc/ssh/ssh_host_* && mkdir -p "$1"/var/lib/apt/lists/partial && touch -d 2000-01-01 "$1"/var/lib/apt/lists && : > "$1"/etc/machine-id',
        'sh',
        rootfs,
      ]);
      const building = `${tarball}.partial-${process.pid}`;
      await execa('sh', [
        '-c',
        'tar --numeric-owner --xattrs -C "$1" -cpf - . | zstd -q -T0 -3 -o "$2"',
        'sh',
        rootfs,
        building,
      ]);
      await rename(building, tarball);
    } finally {
      await execa('rm', ['-rf', '--one-file-system', work], { reject: false });
    }
    const size = (await stat(tarball)).size;
    log(
      `[test-host] build rootfs: ${((Date.now() - started) / 1000).toFixed(1)} s (${(size / 1e6).toFixed(0)} MB tarball)`,
    );
    return tarball;
  } finally {
    await lock.release();
  }
}

/** A lock file created with O_EXCL and holding the owner's pid; a dead owner's lock is taken over. */
async function acquireLock(path: string): Promise<{ release(): Promise<void> }> {
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      // An empty file is a lock being written right now; only a recorded pid that is gone is stale.
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
        await rm(path, { force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Whether a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
