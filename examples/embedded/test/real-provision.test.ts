import { createAnsibleProvisioner } from '@pressluft/ansible-runner';
import { generateSshKeyPair } from '@pressluft/core';
import { checkTestHostPrerequisites, startTestHost, type TestHost } from '@pressluft/test-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventsOf,
  type FetchHook,
  type Harness,
  nodeIn,
  rewriteJson,
  serversIn,
  settledJob,
  startHarness,
} from './support/harness.js';

const skipReason = checkTestHostPrerequisites();

// The control plane's node_provision end to end: the Hetzner fake hands out a disposable Debian 12
// host's address as the server's IPv4, and the engine provisions it with the real node-provision.yml
// (not check mode) and checks it with the real node-readiness.yml.
describe.skipIf(skipReason !== undefined)(
  `node_provision against a real Debian 12 host${skipReason ? ` (${skipReason})` : ''}`,
  () => {
    const managedKey = generateSshKeyPair();
    let host: TestHost;
    let harness: Harness | undefined;

    beforeAll(async () => {
      host = await startTestHost({ name: 'pressluft-e2e', authorizedKey: managedKey.publicKey });
      // The first start of a run may build the rootfs (minutes on a busy machine).
    }, 900_000);
    afterAll(async () => {
      await harness?.close();
      if (host !== undefined) {
        await host.stop();
        expect(await host.leftovers()).toEqual([]);
      }
    }, 120_000);

    it('reaches ready with the real playbooks', { timeout: 900_000 }, async () => {
      const atTestHost: FetchHook = async (request, next) => {
        const response = await next(request);
        if (!/\/servers(\/\d+)?$/.test(new URL(request.url).pathname)) return response;
        return rewriteJson(response, (body) => {
          for (const server of serversIn(body)) {
            const ipv4 = (server['public_net'] as { ipv4?: { ip?: string } } | undefined)?.ipv4;
            if (ipv4 !== undefined && ipv4 !== null) ipv4.ip = host.address;
          }
        });
      };
      harness = await startHarness({
        provisioner: createAnsibleProvisioner(),
        generateKeyPair: () => managedKey,
        fetch: atTestHost,
        waitForSsh: 'tcp',
        provisioning: {
          sshUser: 'root',
          sshPort: host.sshPort,
          sshWaitMs: 60_000,
          vars: { pressluft_admin_authorized_keys: [managedKey.publicKey] },
        },
      });
      const providerId = await harness.connect();
      const { node, job } = await harness.createNode(providerId, 'real-1');
      const started = Date.now();
      const settled = await settledJob(harness.controlPlane, job.id, 840_000);
      const events = await eventsOf(harness.controlPlane, job.id);
      const counts = new Map<string, number>();
      for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      console.log(
        `[real-host] node_provision end to end: ${settled.status} in ${((Date.now() - started) / 1000).toFixed(1)} s (${[...counts].map(([type, count]) => `${type} ${count}`).join(', ')})`,
      );
      expect(settled.status, settled.lastErrorMessage ?? '').toBe('succeeded');
      const ready = await nodeIn(harness.controlPlane, node.id, ['ready', 'failed'], 5_000);
      expect(ready.status).toBe('ready');
      expect(ready.ipv4).toBe(host.address);
      expect(ready.hostKey).toBe(host.hostKey);
      // The real playbook ran: the node is hardened, not only reported so.
      const hardened = await host.exec(
        'test -f /etc/ssh/sshd_config.d/01-pressluft-hardening.conf && nft list table inet pressluft >/dev/null && id -u pressluft',
      );
      expect(hardened.exitCode).toBe(0);
    });
  },
);
