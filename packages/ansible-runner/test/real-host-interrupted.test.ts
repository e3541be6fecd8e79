import { describe, expect, it } from 'vitest';
import { offeredMethods, realHostSkipReason, useRealHost } from './real-host.js';

const swapBytes = 32 * 1024 * 1024;

// Runs that fail or are killed half-way, on a disposable Debian 12 host: the next run repairs the
// node, and readiness is clean only when the running state (not only the files) is right.
describe.skipIf(realHostSkipReason !== undefined)(
  `interrupted node-provision.yml runs on a real Debian 12 host${realHostSkipReason ? ` (${realHostSkipReason})` : ''}`,
  () => {
    const suite = useRealHost('pressluft-interrupt');
    const swapFile = async (): Promise<string> =>
      (
        await suite.host.exec(
          'if [ -e /swapfile ]; then stat -c "%a %s" /swapfile; blkid -p -o value -s TYPE /swapfile || echo unformatted; else echo absent; fi; ls /swapfile.pressluft-partial 2>/dev/null || true',
        )
      ).stdout;

    it('a run that fails right after sshd hardening leaves the live sshd hardened; the rerun converges', async () => {
      // What an earlier failed allocation left behind: a 0-byte, world-readable /swapfile.
      await suite.host.exec(': > /swapfile && chmod 0644 /swapfile');
      expect(await offeredMethods(suite.host)).toContain('password');

      const failing = await suite.provision('with an invalid firewall port', {
        pressluft_firewall_allowed_tcp_ports: [22, 70000],
      });
      expect(failing.error?.code).toBe('PROVISION_PLAYBOOK_FAILED');
      expect(failing.error?.details?.['task']).toBe('firewall : Write the firewall rules');
      // The file changed and the daemon runs it, although the run failed after it.
      expect(await offeredMethods(suite.host)).toEqual(['publickey']);

      const rerun = await suite.provision('rerun');
      expect(rerun.error).toBeUndefined();
      expect(rerun.failed).toBe(0);
      expect(await offeredMethods(suite.host)).toEqual(['publickey']);
      // The 0-byte file was not taken for a swap file: it was replaced by a formatted one.
      expect(await swapFile()).toBe(`600 ${swapBytes}\nswap`);
      expect((await suite.readiness('after the rerun')).missing).toEqual([]);
    });

    it('readiness is clean only when the running state is right, and a run repairs it', async () => {
      // The files stay as provisioned; what runs does not match them.
      await suite.host.exec(
        'nft delete table inet pressluft && systemctl stop fail2ban && sleep 1.1 && touch /etc/ssh/sshd_config.d/01-pressluft-hardening.conf',
      );
      const broken = await suite.readiness('with stale services');
      expect(broken.ready).toBe(false);
      expect(broken.missing).toEqual(
        expect.arrayContaining([
          'sshd: the running daemon does not use its configuration (stale)',
          'firewall: nftables table inet pressluft is not loaded',
          'service not active: fail2ban',
          expect.stringMatching(/^fail2ban: the sshd jail is not active/),
        ]),
      );
      const repair = await suite.provision('repairing the running state');
      expect(repair.error).toBeUndefined();
      expect(repair.changed).toBeGreaterThanOrEqual(3);
      expect((await suite.readiness('after the repair')).missing).toEqual([]);
    });

    it('a failed swap allocation leaves no partial file and the next run retries it', async () => {
      await suite.host.exec('swapoff /swapfile 2>/dev/null; rm -f /swapfile');
      const failing = await suite.provision('with a swap file larger than the disk', {
        pressluft_swap_size_mb: 1024 * 1024 * 1024,
      });
      expect(failing.error?.details?.['task']).toBe('swap : Prepare the swap file');
      expect(await swapFile()).toBe('absent');
      const rerun = await suite.provision('rerun after the failed allocation');
      expect(rerun.error).toBeUndefined();
      expect(await swapFile()).toBe(`600 ${swapBytes}\nswap`);
    });

    it('a run killed mid-way is rerun to convergence', async () => {
      // Undo the hardening so that the run has something to do, then kill it right after it wrote the file.
      await suite.host.exec('rm /etc/ssh/sshd_config.d/01-pressluft-hardening.conf && systemctl restart ssh');
      expect(await offeredMethods(suite.host)).toContain('password');
      const controller = new AbortController();
      const killed = await suite.provision(
        'killed after writing the sshd file',
        {},
        {
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'task-changed' && event.name === 'sshd_hardening : Harden sshd')
              controller.abort();
          },
        },
      );
      expect(killed.error?.code).toBe('PROVISION_CANCELLED');
      expect(
        (await suite.host.exec('test -f /etc/ssh/sshd_config.d/01-pressluft-hardening.conf')).exitCode,
      ).toBe(0);
      const rerun = await suite.provision('rerun after the kill');
      expect(rerun.error).toBeUndefined();
      expect(rerun.failed).toBe(0);
      expect(await offeredMethods(suite.host)).toEqual(['publickey']);
      const again = await suite.provision('once more');
      expect(again.changed).toBe(0);
      expect((await suite.readiness('after the kill and rerun')).missing).toEqual([]);
    });
  },
);
