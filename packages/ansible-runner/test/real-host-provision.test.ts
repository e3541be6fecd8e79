import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { accepts } from '@pressluft/test-host';
import { describe, expect, it } from 'vitest';
import { offeredMethods, realHostSkipReason, useRealHost } from './real-host.js';
import { generateKeyPair } from './run-inspection.js';

// node-provision.yml for real, on a disposable Debian 12 host: converges, changes nothing the second
// time, passes readiness, and the hardening holds when looked at from outside.
describe.skipIf(realHostSkipReason !== undefined)(
  `node-provision.yml on a real Debian 12 host${realHostSkipReason ? ` (${realHostSkipReason})` : ''}`,
  () => {
    const suite = useRealHost('pressluft-provision');

    it('converges on a fresh host, then a second run changes nothing and readiness finds nothing', async () => {
      expect(await offeredMethods(suite.host)).toContain('password');
      const first = await suite.provision('fresh host');
      expect(first.error).toBeUndefined();
      expect(first.failed).toBe(0);
      expect(first.changed).toBeGreaterThan(0);
      const second = await suite.provision('again');
      expect(second.error).toBeUndefined();
      expect(second.failed).toBe(0);
      expect(
        second.events.filter((event) => event.type === 'task-changed').map((event) => event.name),
      ).toEqual([]);
      expect(second.changed).toBe(0);
      const report = await suite.readiness('after');
      expect(report.missing).toEqual([]);
      expect(report.ready).toBe(true);
    });

    it('the live sshd offers no password method; the admin user logs in with the managed key and has sudo', async () => {
      expect(await offeredMethods(suite.host)).toEqual(['publickey']);
      const admin = await suite.ssh('pressluft', 'sudo -n id -u');
      expect(admin).toMatchObject({ exitCode: 0, stdout: '0' });
    });

    it('a port that is not allowed does not answer, while it listens inside', async () => {
      const started = await suite.host.exec(
        'systemd-run --unit=pressluft-probe --quiet python3 -m http.server 8080 --bind 0.0.0.0 && sleep 1 && python3 -c "import socket; socket.create_connection((\'127.0.0.1\', 8080), 2)"',
      );
      expect(started.exitCode).toBe(0);
      expect(await accepts(suite.host.address, 8080, 2000)).toBe(false);
      expect(await accepts(suite.host.address, 22, 2000)).toBe(true);
      await suite.host.exec('systemctl stop pressluft-probe');
    });

    it('swap in a container: the file is prepared and in fstab, swapon reported as not applicable', async () => {
      const file = await suite.host.exec(
        'stat -c "%a %s" /swapfile && blkid -p -o value -s TYPE /swapfile && grep "^/swapfile " /etc/fstab && ls /swapfile.pressluft-partial 2>&1 || true',
      );
      expect(file.stdout.split('\n').slice(0, 3)).toEqual([
        `600 ${32 * 1024 * 1024}`,
        'swap',
        '/swapfile none swap sw 0 0',
      ]);
      expect(file.stdout).toContain('No such file');
    });

    it("fail2ban's sshd jail counts failed logins from another address and bans it, never the controller", async () => {
      const stranger = await generateKeyPair();
      const strangerKey = join(suite.host.rootfs, '..', 'stranger_key');
      await writeFile(strangerKey, stranger.privateKey, { mode: 0o600 });
      // The controller fails too (a wrong key, more often than maxretry) but stays able to log in.
      for (let attempt = 0; attempt < 7; attempt += 1) {
        await suite.ssh('root', 'true', { key: strangerKey });
      }
      for (let attempt = 0; attempt < 7; attempt += 1) {
        await suite.ssh('root', 'true', { key: strangerKey, bindAddress: suite.host.otherClientAddress });
      }
      const status = await suite.host.exec('sleep 2; fail2ban-client status sshd');
      console.log(`[real-host] fail2ban status: ${status.stdout.replaceAll('\n', ' | ')}`);
      const totalFailed = Number(/Total failed:\s+(\d+)/.exec(status.stdout)?.[1] ?? '0');
      expect(totalFailed).toBeGreaterThanOrEqual(5);
      expect(status.stdout).toMatch(
        new RegExp(`Banned IP list:.*${suite.host.otherClientAddress.replaceAll('.', '\\.')}`),
      );
      expect(status.stdout).not.toContain(`${suite.host.controllerAddress} `);
      expect(status.stdout).not.toMatch(
        new RegExp(`${suite.host.controllerAddress.replaceAll('.', '\\.')}$`, 'm'),
      );
      const banned = await suite.ssh('root', 'true', { bindAddress: suite.host.otherClientAddress });
      expect(banned.exitCode).not.toBe(0);
      expect(await suite.ssh('root', 'echo in')).toMatchObject({ exitCode: 0, stdout: 'in' });
      const jail = await suite.host.exec('grep ^ignoreip /etc/fail2ban/jail.local');
      expect(jail.stdout).toContain(suite.host.controllerAddress);
    });
  },
);
