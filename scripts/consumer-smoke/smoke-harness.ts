// What the README's embedding example needs to run offline in the consumer smoke test: the Hetzner
// fake from @pressluft/provider-hetzner/testing, whose servers are rewritten to a disposable Debian 12
// test host started by run.mjs, and control-plane options that log in there with the key run.mjs
// generated. Provisioning is real (the shipped node-provision.yml, not check mode), and the node must
// reach `ready` through the shipped node-readiness.yml. Imported from the installed tarballs, like any
// consumer would.

import { readFileSync } from 'node:fs';
import type { ControlPlane } from '@pressluft/core';
import { sshFingerprints } from '@pressluft/core';
import { startHetznerFakeServer } from '@pressluft/provider-hetzner/testing';

const token = process.env['HCLOUD_TOKEN'];
const address = process.env['PRESSLUFT_SMOKE_HOST'];
const keyFile = process.env['PRESSLUFT_SMOKE_KEY_FILE'];
if (token === undefined || address === undefined || keyFile === undefined) {
  throw new Error(
    'HCLOUD_TOKEN, PRESSLUFT_SMOKE_HOST and PRESSLUFT_SMOKE_KEY_FILE must be set (run.mjs sets them)',
  );
}
const publicKey = readFileSync(`${keyFile}.pub`, 'utf8').trim();
const privateKey = readFileSync(keyFile, 'utf8');

const hetzner = await startHetznerFakeServer({
  fakeOptions: { actionDurations: { create_server: 500, start_server: 500 } },
});
hetzner.fake.addToken(token, 'read-write');

// The fake hands out documentation addresses; the servers it reports are rewritten to the test host.
async function atTestHost(request: Request): Promise<Response> {
  const response = await fetch(request);
  if (!/\/servers(\/\d+)?$/.test(new URL(request.url).pathname)) return response;
  const body = (await response.json()) as Record<string, unknown>;
  const servers = [body['server'], ...((body['servers'] as unknown[] | undefined) ?? [])];
  for (const server of servers) {
    const ipv4 = (server as { public_net?: { ipv4?: { ip?: string } | null } } | undefined)?.public_net?.ipv4;
    if (ipv4 !== undefined && ipv4 !== null) ipv4.ip = address as string;
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

const started = Date.now();
export const smoke = {
  hetznerUrl: hetzner.url,
  fetch: atTestHost,
  controlPlaneOptions: {
    generateKeyPair: () => {
      const fingerprints = sshFingerprints(publicKey)._unsafeUnwrap();
      return {
        publicKey,
        privateKey,
        fingerprintMd5: fingerprints.md5,
        fingerprintSha256: fingerprints.sha256,
      };
    },
    provisioning: {
      sshUser: 'root',
      sshWaitMs: 60_000,
      maxAttempts: 1,
      vars: { pressluft_admin_authorized_keys: [publicKey] },
    },
  },
  /** Print where the node ended, stop the fake, and set a failing exit code unless the node is ready. */
  async finish(controlPlane: ControlPlane, nodeId: string, jobId: string): Promise<void> {
    const node = (await controlPlane.nodes.get(nodeId))._unsafeUnwrap();
    const steps: string[] = [];
    for await (const event of controlPlane.jobs.subscribe(jobId)) {
      const data = event.data as { step?: string } | undefined;
      if (event.type === 'step-succeeded' && data?.step !== undefined) steps.push(data.step);
    }
    console.log(
      `[consumer-smoke] node ${node.name}: ${node.status} after ${((Date.now() - started) / 1000).toFixed(1)} s; steps succeeded: ${steps.join(', ')}`,
      node.lastErrorCode ?? '',
      node.lastErrorMessage ?? '',
    );
    await hetzner.stop();
    if (node.status !== 'ready' || node.ipv4 !== address) {
      console.error('[consumer-smoke] FAILED: the node did not become ready on the test host');
      process.exitCode = 1;
    }
  },
};
