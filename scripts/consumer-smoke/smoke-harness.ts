// What the README's embedding example needs to run offline in the consumer smoke test: the Hetzner
// fake from @pressluft/provider-hetzner/testing, a loopback sshd from @pressluft/ansible-runner/testing,
// and control-plane options that point provisioning at that sshd in check mode. Imported from the
// installed tarballs, like any consumer would.

import { startLoopbackSshd } from '@pressluft/ansible-runner/testing';
import type { ControlPlane } from '@pressluft/core';
import { sshFingerprints } from '@pressluft/core';
import { startHetznerFakeServer } from '@pressluft/provider-hetzner/testing';

const token = process.env['HCLOUD_TOKEN'];
if (token === undefined) throw new Error('HCLOUD_TOKEN must be set (any 64 characters; the fake accepts it)');
const hetzner = await startHetznerFakeServer({
  fakeOptions: { actionDurations: { create_server: 500, start_server: 500 } },
});
hetzner.fake.addToken(token, 'read-write');
const sshd = await startLoopbackSshd();

// The fake hands out documentation addresses; the servers it reports are rewritten to the loopback sshd.
async function atLoopback(request: Request): Promise<Response> {
  const response = await fetch(request);
  if (!/\/servers(\/\d+)?$/.test(new URL(request.url).pathname)) return response;
  const body = (await response.json()) as Record<string, unknown>;
  const servers = [body['server'], ...((body['servers'] as unknown[] | undefined) ?? [])];
  for (const server of servers) {
    const ipv4 = (server as { public_net?: { ipv4?: { ip?: string } | null } } | undefined)?.public_net?.ipv4;
    if (ipv4 !== undefined && ipv4 !== null) ipv4.ip = sshd.target.host;
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

const started = Date.now();
export const smoke = {
  hetznerUrl: hetzner.url,
  fetch: atLoopback,
  controlPlaneOptions: {
    generateKeyPair: () => {
      const fingerprints = sshFingerprints(sshd.publicKey)._unsafeUnwrap();
      return {
        publicKey: sshd.publicKey,
        privateKey: sshd.privateKey,
        fingerprintMd5: fingerprints.md5,
        fingerprintSha256: fingerprints.sha256,
      };
    },
    provisioning: {
      sshUser: sshd.target.user,
      sshPort: sshd.target.port,
      sshWaitMs: 30_000,
      checkMode: true,
      maxAttempts: 1,
      vars: { pressluft_admin_authorized_keys: [sshd.publicKey] },
    },
  },
  /**
   * Print where the node ended, stop the fake and the sshd, and set a failing exit code unless the
   * shipped content ran: the node is ready, or provisioning (check mode, the shipped node-provision.yml)
   * succeeded and the shipped node-readiness.yml ran to its findings. A check-mode run changes nothing,
   * so on an unhardened loopback host readiness truthfully reports what is missing.
   */
  async finish(controlPlane: ControlPlane, nodeId: string, jobId: string): Promise<void> {
    const node = (await controlPlane.nodes.get(nodeId))._unsafeUnwrap();
    const steps: string[] = [];
    let readinessStats = false;
    for await (const event of controlPlane.jobs.subscribe(jobId)) {
      const data = event.data as { step?: string; event?: string } | undefined;
      if (event.type === 'step-succeeded' && data?.step !== undefined) steps.push(data.step);
      if (event.type === 'provision-event' && data?.event === 'stats' && steps.includes('provision'))
        readinessStats = true;
    }
    console.log(
      `[consumer-smoke] node ${node.name}: ${node.status} after ${((Date.now() - started) / 1000).toFixed(1)} s; steps succeeded: ${steps.join(', ')}`,
      node.lastErrorCode ?? '',
    );
    await sshd.stop();
    await hetzner.stop();
    const provisioned = steps.includes('provision');
    const readinessRan = node.lastErrorCode === 'PROVISION_READINESS_FAILED' && readinessStats;
    if (!(node.status === 'ready' || (provisioned && readinessRan))) {
      console.error('[consumer-smoke] FAILED: the shipped playbooks did not run to the end');
      process.exitCode = 1;
    } else if (node.status !== 'ready') {
      console.log(
        '[consumer-smoke] not ready (expected on an unhardened host in check mode); provisioning and readiness ran with the shipped playbooks',
      );
    }
  },
};
