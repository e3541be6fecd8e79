import { randomBytes } from 'node:crypto';
import { errAsync, okAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { ProvisionError } from '../errors/error-families.js';
import type { JobRecord } from '../model/job.js';
import type { SshTarget } from '../model/ssh-target.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { createMockCloud } from '../testing/mock-cloud.js';
import { createMockProviderFactory } from '../testing/mock-provider-factory.js';
import { createMockProvisioner } from '../testing/mock-provisioner.js';
import { waitUntil } from '../testing/wait-until.js';
import { createControlPlane } from './control-plane.js';
import type { ControlPlane } from './control-plane-types.js';

const TOKEN = 'ipv6-only-test-token';
const running: ControlPlane[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((controlPlane) => controlPlane.stop({ graceMs: 100 })));
});

/** A control plane whose provider hands out IPv6-only servers; `reachable` says whether IPv6 answers. */
async function start(options: { reachable: boolean; ipv6OnlyServers?: 'provision' | 'refuse' }) {
  const factory = createMockProviderFactory({
    tokens: { [TOKEN]: 'connected' },
    cloud: createMockCloud({ ipv4: false }),
  });
  const provisioner = createMockProvisioner();
  const probes: SshTarget[] = [];
  const controlPlane = createControlPlane({
    store: createMemoryStore(),
    providers: [factory],
    provisioner,
    secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
    provisioning: {
      sshWaitMs: 200,
      maxAttempts: 1,
      ...(options.ipv6OnlyServers === undefined ? {} : { ipv6OnlyServers: options.ipv6OnlyServers }),
    },
    waitForSsh: (target) => {
      probes.push(target);
      return options.reachable
        ? okAsync(undefined)
        : errAsync(
            new ProvisionError({ code: 'PROVISION_SSH_UNREACHABLE', message: `${target.host}: ENETUNREACH` }),
          );
    },
    worker: { pollIntervalMs: 10, reapIntervalMs: 50 },
  });
  (await controlPlane.start())._unsafeUnwrap();
  running.push(controlPlane);
  const { connection } = (
    await controlPlane.providers.connect({ type: factory.info.type, name: 'v6', token: TOKEN })
  )._unsafeUnwrap();
  const { node, job } = (
    await controlPlane.nodes.create({
      providerId: connection.id,
      name: 'v6-node',
      location: 'fsn1',
      serverType: 'cx22',
    })
  )._unsafeUnwrap();
  const settled: JobRecord = await waitUntil(async () => {
    const current = (await controlPlane.jobs.get(job.id))._unsafeUnwrap();
    return ['succeeded', 'failed', 'cancelled'].includes(current.status) ? current : undefined;
  }, 'the provisioning job to settle');
  const final = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
  return { settled, node: final, probes, provisioner, factory };
}

describe('IPv6-only servers', () => {
  it('are provisioned over IPv6 when the control plane reaches them', async () => {
    const { settled, node, probes, provisioner } = await start({ reachable: true });
    expect(settled.status).toBe('succeeded');
    expect(node.ipv4).toBeNull();
    expect(node.sshTarget?.host).toMatch(/^2001:db8:/);
    expect(probes.map((probe) => probe.host)).toEqual([node.sshTarget?.host]);
    expect(provisioner.calls.filter((call) => call.method === 'provision')).toHaveLength(1);
  });

  it('fail with PROVISION_IPV6_UNREACHABLE and guidance when IPv6 does not answer', async () => {
    const { settled, node, provisioner } = await start({ reachable: false });
    expect(settled.status).toBe('failed');
    expect(settled.lastErrorCode).toBe('PROVISION_IPV6_UNREACHABLE');
    expect(node.lastErrorCode).toBe('PROVISION_IPV6_UNREACHABLE');
    expect(node.lastErrorMessage).toMatch(/only an IPv6 address \(2001:db8:/);
    expect(provisioner.calls.filter((call) => call.method === 'provision')).toHaveLength(0);
  });

  it('are refused at once, and their server deleted, when configured so', async () => {
    const { settled, probes, factory } = await start({ reachable: true, ipv6OnlyServers: 'refuse' });
    expect(settled.lastErrorCode).toBe('PROVISION_IPV6_UNREACHABLE');
    expect(probes).toHaveLength(0);
    expect([...factory.cloud.servers.values()].filter((server) => server.status !== 'deleting')).toEqual([]);
  });
});
