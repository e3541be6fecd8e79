import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTestHostPrerequisites, sshOptions, startTestHost, type TestHost } from '../src/index.js';

const skipReason = checkTestHostPrerequisites();

describe.skipIf(skipReason !== undefined)(
  `a disposable Debian 12 test host${skipReason ? ` (${skipReason})` : ''}`,
  () => {
    let host: TestHost;
    let keyDirectory: string;
    let key: string;

    beforeAll(async () => {
      keyDirectory = await mkdtemp(join(tmpdir(), 'pressluft-test-host-key-'));
      key = join(keyDirectory, 'key');
      await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
      host = await startTestHost({ authorizedKey: (await readFile(`${key}.pub`, 'utf8')).trim() });
    });

    afterAll(async () => {
      await host?.stop();
      await rm(keyDirectory, { recursive: true, force: true });
    });

    it('is a booted Debian 12 that root logs in to with the given key and a pinned host key', async () => {
      const login = await execa('ssh', [
        ...sshOptions(key, host.knownHostsFile),
        `root@${host.address}`,
        '. /etc/os-release && echo "$ID $VERSION_ID" && systemctl is-system-running --wait || true; hostname',
      ]);
      const [release, state, name] = login.stdout.split('\n');
      expect(release).toBe('debian 12');
      expect(['running', 'degraded']).toContain(state);
      expect(name).toBe(host.name);
      expect(host.knownHostsLine.startsWith(`${host.address} ssh-ed25519 `)).toBe(true);
      // The address exists only inside the namespace: this machine's own interfaces do not hold it.
      const addresses = (await execa('ip', ['-o', 'addr', 'show'])).stdout;
      expect(addresses).not.toContain(`${host.address}/`);
    });

    it('runs commands inside the host, and its apt reaches the mirror through the loopback proxy', async () => {
      expect((await host.exec('cat /etc/hostname')).stdout).toBe(host.name);
      const update = await host.exec('apt-get update -q 2>&1');
      expect(update.exitCode).toBe(0);
      expect(update.stdout).toMatch(/bookworm/);
    });

    it('leaves nothing behind when stopped', async () => {
      await host.stop();
      expect(await host.leftovers()).toEqual([]);
    });
  },
);
